using Returns.Testing;

namespace Returns.Pipeline.Tests;

/// <summary>`returns returns import FILE` registers returns without a broker, through the results service's own consumer,
/// so the lines of a return get their verdicts when its photos are classified on the same data folder.</summary>
public sealed class ReturnsImportTests : IDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("returns-import-");
    private string Data => Path.Combine(work.FullName, "data");

    public void Dispose() => work.Delete(recursive: true);

    [Fact]
    public async Task A_json_return_imported_before_the_night_gets_a_verdict_per_line_from_the_nights_photos()
    {
        var file = Write("returns.json", """
            [{ "returnId": "RMA-1", "orderId": "O-1", "lines": [
                { "lineId": "1", "sku": "SKU-1", "declaredCategory": "Shoes" },
                { "lineId": "2", "sku": "SKU-2", "declaredCategory": "Dresses" } ] }]
            """);
        var inbox = Directory.CreateDirectory(Path.Combine(work.FullName, "inbox"));
        CopyInto(inbox, "RMA-1/1", "shoes-07d88b75.jpg");
        CopyInto(inbox, "RMA-1/2", "dress-06a00c0f.jpg");

        var imported = await CliProcess.RunAsync("returns", "import", file, "--data", Data);
        var again = await CliProcess.RunAsync("returns", "import", file, "--data", Data);
        var night = await CliProcess.RunAsync("run", "--inbox", inbox.FullName, "--data", Data, "--out", Path.Combine(work.FullName, "report"),
            "--Ingest:InboxReturnFolders=true");

        Assert.True(imported.ExitCode == 0, imported.Output);
        Assert.Contains("1 of 1 returns registered: 2 lines, 2 of them new", imported.Output);
        Assert.Contains("0 lines already have a verdict", imported.Output);
        Assert.Contains("2 lines, 0 of them new", again.Output);
        Assert.True(night.ExitCode == 0, night.Output);
        var lines = File.ReadAllLines(Path.Combine(work.FullName, "report", "lines.csv"));
        Assert.Equal(["RMA-1,1", "RMA-1,2"], lines.Skip(1).Select(l => string.Join(',', l.Split(',')[..2])).Order());
        Assert.All(lines.Skip(1), l => Assert.Contains(l.Split(',')[6], new[] { "matches", "mismatch", "inconclusive" }));
    }

    [Fact]
    public async Task A_csv_with_one_bad_row_registers_nothing_and_names_the_row_and_the_fixed_file_goes_in()
    {
        var bad = Write("bad.csv", "returnId,orderId,lineId,sku,declaredCategory\nR-1,O-1,1,SKU-1,Tops\nR-2,,1,SKU-9,Tops\n");
        var good = Write("good.csv", "return_id,order_id,line_id,sku,declared_category,registered_at\n"
            + "R-1,O-1,1,SKU-1,Tops,2026-11-23T09:00:00Z\nR-1,O-1,2,\"SKU-2, blue\",Tops,2026-11-23T09:00:00Z\nR-2,O-2,1,SKU-9,Tops,\n");

        var refused = await CliProcess.RunAsync("returns", "import", bad, "--data", Data);
        var accepted = await CliProcess.RunAsync("returns", "import", good, "--data", Data);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("return R-2 (CSV line 3)", refused.Output);
        Assert.Contains("order id", refused.Output);
        Assert.Contains("nothing registered", refused.Output);
        Assert.True(accepted.ExitCode == 0, accepted.Output);
        Assert.Contains("2 of 2 returns registered: 3 lines, 3 of them new", accepted.Output);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(work.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static void CopyInto(DirectoryInfo inbox, string folder, string photo) =>
        File.Copy(Path.Combine(RepoPaths.SampleInbox, photo), Path.Combine(Directory.CreateDirectory(Path.Combine(inbox.FullName, folder)).FullName, photo));
}
