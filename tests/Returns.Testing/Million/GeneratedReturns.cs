using Returns.Contracts;
using Returns.Results.Storage;

namespace Returns.Testing.Million;

/// <summary>Returns of one to three lines, each line shown by one or two photos; a line is written with its photos and
/// its verdict once its last photo has an outcome.</summary>
internal sealed class GeneratedReturns(GeneratedNight night, SqliteBulkWriter writer)
{
    private const double SureFrom = 0.7947;
    private const string UnmappedCategory = "jewellery";

    private int returnNumber = 1, lineNumber = 1, linesInReturn = 1 + night.Next(3), photosWanted = 1 + night.Next(2);
    private readonly List<StoredOutcome> photos = [];

    public int Lines { get; private set; }

    public LineKey CurrentLine => new($"R{returnNumber:D7}", lineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void Add(StoredOutcome photo)
    {
        photos.Add(photo);
        if (photos.Count >= photosWanted)
            Finish();
    }

    /// <summary>Writes the line in progress, if it has a photo, and starts the next one.</summary>
    public void Finish()
    {
        if (photos.Count == 0)
            return;
        var key = CurrentLine;
        var first = photos[0];
        var declared = night.Chance(0.05) ? UnmappedCategory : first.Label is { } label && night.Chance(0.85) ? label : night.Label();
        var registered = new RegisteredLine
        {
            ReturnId = key.ReturnId, LineId = key.LineId, OrderId = $"O{returnNumber:D7}", Sku = $"SKU-{declared}-{returnNumber % 97}",
            DeclaredCategory = declared, RegisteredAt = first.CompletedAt.AddHours(-12),
        };
        writer.Write(registered);
        foreach (var photo in photos)
            writer.Write(new LinePhoto(key.ReturnId, key.LineId, photo.ImageId, photo.ReceivedAt));
        writer.Write(Verdict(registered));
        Lines++;
        photos.Clear();
        photosWanted = 1 + night.Next(2);
        if (++lineNumber > linesInReturn)
            (returnNumber, lineNumber, linesInReturn) = (returnNumber + 1, 1, 1 + night.Next(3));
    }

    private ReturnLineAssessed Verdict(RegisteredLine line)
    {
        var assessed = photos.Select(p => new AssessedPhoto(p.ImageId, p.Status, p.Status == OutcomeStatus.Classified ? p.Label : null, p.Confidence,
            p.Status == OutcomeStatus.Classified && p.Confidence >= SureFrom)).ToArray();
        string[] declaredLabels = line.DeclaredCategory == UnmappedCategory ? [] : [line.DeclaredCategory];
        var settled = assessed.Where(p => p.Settled).ToArray();
        var (verdict, reason) = declaredLabels.Length == 0 ? (LineVerdicts.Inconclusive, LineVerdictReasons.UnmappedCategory)
            : settled.Any(p => !declaredLabels.Contains(p.Label)) ? (LineVerdicts.Mismatch, LineVerdictReasons.PhotoShowsOther)
            : settled.Length == assessed.Length ? (LineVerdicts.Matches, LineVerdictReasons.AllPhotosMatch)
            : (LineVerdicts.Inconclusive, LineVerdictReasons.LowConfidence);
        return new ReturnLineAssessed
        {
            ReturnId = line.ReturnId, LineId = line.LineId, OrderId = line.OrderId, Revision = 1, Verdict = verdict, Reason = reason,
            Sku = line.Sku, DeclaredCategory = line.DeclaredCategory, DeclaredLabels = declaredLabels,
            PredictedLabel = settled.GroupBy(p => p.Label).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault(),
            Photos = assessed, AssessedAt = photos.Max(p => p.CompletedAt).AddMinutes(1),
        };
    }
}
