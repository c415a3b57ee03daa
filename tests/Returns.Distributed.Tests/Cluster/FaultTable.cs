using System.Globalization;
using System.Text;

namespace Returns.Distributed.Tests.Cluster;

/// <param name="Recovery">From the end of the fault (the heal of a 30 s cut, or the stop or kill) until every consumer
/// was attached again and a new outcome was stored.</param>
/// <param name="Redelivered">The broker's redeliveries on the classifier and outcome queues.</param>
/// <param name="DuplicatesAbsorbed">Outcomes the results service found already stored and ignored.</param>
/// <param name="Night">From the first image sent to the report written.</param>
public sealed record FaultRow(string Fault, TimeSpan Recovery, long Redelivered, int DuplicatesAbsorbed, int Images, TimeSpan Night);

public sealed class FaultTable
{
    private readonly List<FaultRow> rows = [];

    public void Add(FaultRow row)
    {
        lock (rows)
            rows.Add(row);
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine("| fault | images | recovered in | redelivered | duplicates absorbed | night took |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        lock (rows)
            foreach (var row in rows)
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {row.Fault} | {row.Images} | {row.Recovery.TotalSeconds:F1} s | {row.Redelivered} | {row.DuplicatesAbsorbed} | {row.Night.TotalSeconds:F0} s |"));
        return text.ToString();
    }
}
