namespace Returns.Training;

public sealed record TrainingRequest(
    DirectoryInfo Dataset,
    FileInfo Backbone,
    DirectoryInfo Models,
    string Name,
    string Version,
    double ValidationFraction,
    int Seed,
    IReadOnlyList<int> InputSizes,
    IReadOnlyList<string> ResizeModes,
    IReadOnlyList<double> L2Candidates,
    int Epochs,
    bool Promote,
    string CommandLine);
