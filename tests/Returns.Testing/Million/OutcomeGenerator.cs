using System.Diagnostics;
using Microsoft.Extensions.Options;
using Returns.Results;
using Returns.Results.Storage;

namespace Returns.Testing.Million;

public sealed record GeneratedStore(int Outcomes, int Images, int Reviews, int ReturnLines, TimeSpan Elapsed);

/// <summary>
/// Fills a SQLite results database with <see cref="OutcomeMix.Outcomes"/> realistic outcomes spread over several nights
/// and two model versions, with staff reviews, returns with their lines, photos and verdicts. For the benchmark and for
/// tests that need a big store; the schema is the store's own, so what it writes reads back as real rows.
/// </summary>
public static class OutcomeGenerator
{
    /// <summary>The confidence under which the generated reviewers look at a label (about the cards' thresholds).</summary>
    private const float ReviewedUnder = 0.8f;

    public static async Task<GeneratedStore> WriteAsync(string sqlitePath, OutcomeMix mix, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var options = Options.Create(new ResultsOptions { SqlitePath = sqlitePath });
        await new SqliteResultStore(options).InitializeAsync(cancellationToken);
        var night = new GeneratedNight(mix);
        var (outcomes, images, reviews, lines) = (0, 0, 0, 0);
        using (var writer = new SqliteBulkWriter(sqlitePath))
        {
            var returns = new GeneratedReturns(night, writer);
            for (var index = 0; outcomes < mix.Outcomes; index++, images++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var n = Math.Min(index / night.PerNight, mix.Nights - 1);
                var offset = TimeSpan.FromSeconds(index % night.PerNight * (6 * 3600.0 / night.PerNight));
                var imageId = night.ImageId();
                var line = night.Chance(mix.InReturns) ? returns.CurrentLine : null;
                var outcome = night.Outcome(imageId, index, n, night.VersionOf(n), night.NightStart(n) + offset, line);
                writer.Write(outcome);
                outcomes++;
                if (outcome.ModelVersion == mix.EarlierVersion && outcomes < mix.Outcomes && night.Chance(mix.ClassifiedTwice))
                {
                    var again = night.Outcome(imageId, index, n, mix.LaterVersion, night.NightStart((int)(mix.Nights * mix.PromotedAfter)) + offset, line);
                    if (again.ModelVersion != "")
                    {
                        writer.Write(again);
                        outcomes++;
                    }
                }
                reviews += Review(night, writer, outcome, mix);
                if (line is not null)
                    returns.Add(outcome);
            }
            returns.Finish();
            lines = returns.Lines;
        }
        await new SqliteResultStore(options).InitializeAsync(cancellationToken);
        return new GeneratedStore(outcomes, images, reviews, lines, clock.Elapsed);
    }

    /// <summary>Staff look at some unsure labels and retakes, sometimes twice (the later review is the final word).</summary>
    private static int Review(GeneratedNight night, SqliteBulkWriter writer, StoredOutcome outcome, OutcomeMix mix)
    {
        var wanted = outcome.Status == OutcomeStatus.NeedsRetake || outcome.Status == OutcomeStatus.Classified && outcome.Confidence < ReviewedUnder;
        if (!wanted || !night.Chance(mix.Reviewed))
            return 0;
        var times = night.Chance(0.05) ? 2 : 1;
        for (var i = 0; i < times; i++)
            writer.Write(new StoredReview
            {
                ReviewId = Guid.NewGuid(), ImageId = outcome.ImageId, ModelVersion = outcome.ModelVersion, PreviousLabel = outcome.Label,
                ReviewedLabel = night.Chance(mix.Corrected) ? night.OtherThan(outcome.Label!) : outcome.Label!,
                Reviewer = $"staff-{night.Next(5)}", ReviewedAt = outcome.CompletedAt.AddHours(8 + i),
            });
        return times;
    }
}
