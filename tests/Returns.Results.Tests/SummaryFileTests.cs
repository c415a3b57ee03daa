using Returns.Results.Reports;

namespace Returns.Results.Tests;

/// <summary>summary.json is the report itself, less its rows: the console reads it back through
/// <see cref="ReportWriter.ReadSummary"/> as the NightlyReport that wrote it, so its shape is declared once.</summary>
public sealed class SummaryFileTests : IDisposable
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"summary-{Guid.NewGuid():N}.json");

    [Fact]
    public void A_summary_reads_back_as_the_report_that_wrote_it()
    {
        var report = ReportBuilder.Build([new("a.jpg", "a"), new("b.jpg", "b"), new("c.jpg", "c")],
            [Outcomes.Classified("a", "shoes", 0.4f), Outcomes.Classified("b", "hat", 0.9f), Outcomes.NeedsRetake("c", "too_dark")],
            Outcomes.Model, new ResultsOptions(), null, [Reviews.Of("b", "dress")]);
        File.WriteAllText(file, ReportWriter.Summary(report));

        var read = ReportWriter.ReadSummary(file)!;

        Assert.Equal(report.Model, read.Model);
        Assert.Equal(report.Counts, read.Counts);
        Assert.Equal(report.NeedPerson, read.NeedPerson);
        Assert.True(read.NeedPerson > 0);
        Assert.Empty(read.Rows);
    }

    [Fact]
    public void A_file_that_is_not_a_summary_reads_as_none()
    {
        File.WriteAllText(file, "{ \"model\": ");

        Assert.Null(ReportWriter.ReadSummary(file));
    }

    public void Dispose() => File.Delete(file);
}
