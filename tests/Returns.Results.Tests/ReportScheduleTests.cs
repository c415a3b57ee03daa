using Returns.Results.Reports;

namespace Returns.Results.Tests;

public sealed class ReportScheduleTests
{
    [Fact]
    public void The_nightly_report_covers_the_24_hours_before_the_next_6am()
    {
        var (from, to) = ReportSchedule.NextPeriod("0 6 * * *", 24, new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 6, 0, 0, TimeSpan.Zero), to);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero), from);
    }

    [Fact]
    public void At_the_exact_occurrence_the_next_period_is_the_following_one()
    {
        var (_, to) = ReportSchedule.NextPeriod("0 6 * * *", 24, new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 6, 0, 0, TimeSpan.Zero), to);
    }

    [Fact]
    public void A_cron_expression_that_is_not_one_is_refused() =>
        Assert.ThrowsAny<Exception>(() => ReportSchedule.NextPeriod("every night", 24, DateTimeOffset.UtcNow));
}
