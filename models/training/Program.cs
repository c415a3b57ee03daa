using System.CommandLine;
using Returns.Training;

var dataset = new Option<DirectoryInfo>("--dataset")
{
    Description = "clothing-small: train/<class>/*.jpg and test/<class>/*.jpg",
    DefaultValueFactory = _ => new DirectoryInfo("../shared/datasets/clothing-small"),
};
var corrections = new Option<DirectoryInfo?>("--corrections")
{
    Description = "a folder written by `returns corrections export`: its photos join the fit part under their reviewed label",
};
var backbone = new Option<FileInfo>("--backbone")
{
    Description = "the pretrained ImageNet MobileNetV2 int8 ONNX file to transfer from",
    DefaultValueFactory = _ => new FileInfo("models/backbones/mobilenetv2-12-int8/mobilenetv2-12-int8.onnx"),
};
var work = new Option<DirectoryInfo>("--work") { Description = "scratch folder shared by the training steps", DefaultValueFactory = _ => new DirectoryInfo(".training-cache/work") };
var models = new Option<DirectoryInfo>("--models") { Description = "the models folder (versions and registry.json)", DefaultValueFactory = _ => new DirectoryInfo("models") };
var name = new Option<string>("--name") { DefaultValueFactory = _ => "clothing-mobilenetv2" };
var version = new Option<string?>("--model-version") { Description = "the version to write (default: the next free <name>-vN); never an existing one" };
var parent = new Option<string?>("--parent") { Description = "the version this one succeeds (default: the registry's production version)" };
var inputSize = new Option<int>("--input-size") { DefaultValueFactory = _ => 224 };
var views = new Option<int>("--views") { Description = "views per training photo: the whole photo, its mirror image, then random crops", DefaultValueFactory = _ => 6 };
var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 7 };

var extract = new Command("extract", "Step 1: settle version and parent, add corrections, write the serving preprocessor's tensors of every train photo")
{
    dataset, corrections, backbone, work, models, name, version, parent, inputSize, views, seed,
};
extract.SetAction(parsed => Refusable(() => new Extraction(new ExtractionRequest(parsed.GetValue(dataset)!, parsed.GetValue(corrections), parsed.GetValue(backbone)!,
    parsed.GetValue(work)!, parsed.GetValue(models)!, parsed.GetValue(name)!, parsed.GetValue(version), parsed.GetValue(parent),
    parsed.GetValue(inputSize), parsed.GetValue(views), parsed.GetValue(seed))).Run()));

var seconds = new Option<double>("--seconds") { Description = "how long the whole training took, for the card" };
var command = new Option<string>("--command") { Description = "the command that trained it, for the card", DefaultValueFactory = _ => "models/training/train.sh" };
var finalize = new Command("finalize", "Step 3: score the test split once through the serving path, write the card and register the version as a candidate")
{
    dataset, backbone, work, models, name, seconds, command,
};
finalize.SetAction(parsed => Refusable(() => new Finalization(new FinalizationRequest(parsed.GetValue(dataset)!, parsed.GetValue(backbone)!,
    parsed.GetValue(work)!, parsed.GetValue(models)!, parsed.GetValue(name)!, parsed.GetValue(seconds), parsed.GetValue(command)!)).Run()));

var root = new RootCommand("Trains the Returns clothing classifier; models/training/train.sh runs the steps in order.") { extract, finalize };
return root.Parse(args).Invoke();

// A refusal (bad corrections, an existing version, an unknown parent) is a message for the person training, not a stack trace.
static int Refusable(Func<int> step)
{
    try
    {
        return step();
    }
    catch (Exception e) when (e is InvalidDataException or InvalidOperationException)
    {
        Console.Error.WriteLine(e.Message); // unwrapped: it names files
        return 65;
    }
}
