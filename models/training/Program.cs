using System.CommandLine;
using Returns.Training;

var dataset = new Option<DirectoryInfo>("--dataset")
{
    Description = "clothing-small: train/<class>/*.jpg and test/<class>/*.jpg",
    DefaultValueFactory = _ => new DirectoryInfo("../shared/datasets/clothing-small"),
};
var backbone = new Option<FileInfo>("--backbone")
{
    Description = "the pretrained ImageNet MobileNetV2 int8 ONNX file to transfer from",
    DefaultValueFactory = _ => new FileInfo("models/backbones/mobilenetv2-12-int8/mobilenetv2-12-int8.onnx"),
};
var models = new Option<DirectoryInfo>("--models") { Description = "the models/ folder", DefaultValueFactory = _ => new DirectoryInfo("models") };
var name = new Option<string>("--name") { DefaultValueFactory = _ => "clothing-mobilenetv2" };
var version = new Option<string>("--model-version") { DefaultValueFactory = _ => "clothing-mobilenetv2-v1" };
var validationFraction = new Option<double>("--validation-fraction") { DefaultValueFactory = _ => 0.15 };
var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 7 };
var resize = new Option<string[]>("--resize")
{
    Description = "resize modes to compare on the validation split (squash, center-crop)",
    DefaultValueFactory = _ => ["squash", "center-crop"],
    AllowMultipleArgumentsPerToken = true,
};
var inputSize = new Option<int[]>("--input-size")
{
    Description = "square input sizes to compare on the validation split (the backbone is fully convolutional)",
    DefaultValueFactory = _ => [224, 288],
    AllowMultipleArgumentsPerToken = true,
};
var l2 = new Option<double[]>("--l2")
{
    Description = "L2 strengths to compare on the validation split",
    DefaultValueFactory = _ => [1e-4, 1e-3],
    AllowMultipleArgumentsPerToken = true,
};
var epochs = new Option<int>("--epochs") { DefaultValueFactory = _ => 40 };
var promote = new Option<bool>("--promote") { Description = "name this version as production in models/registry.json", DefaultValueFactory = _ => true };

var root = new RootCommand("Trains the Returns clothing classifier on clothing-small's train split and writes model.onnx, its card and the registry.")
{
    dataset, backbone, models, name, version, validationFraction, seed, inputSize, resize, l2, epochs, promote,
};
root.SetAction(parsed => new Trainer(new TrainingRequest(
    parsed.GetValue(dataset)!, parsed.GetValue(backbone)!, parsed.GetValue(models)!, parsed.GetValue(name)!,
    parsed.GetValue(version)!, parsed.GetValue(validationFraction), parsed.GetValue(seed), parsed.GetValue(inputSize)!, parsed.GetValue(resize)!,
    parsed.GetValue(l2)!, parsed.GetValue(epochs), parsed.GetValue(promote),
    "dotnet run -c Release --project models/training -- " + string.Join(' ', args))).Run());
return root.Parse(args).Invoke();
