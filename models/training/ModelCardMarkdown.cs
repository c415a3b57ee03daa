using System.Text;
using Returns.Classifier.Inference;

namespace Returns.Training;

public static class ModelCardMarkdown
{
    public static string Render(ModelCard card)
    {
        var e = card.Evaluation!;
        var t = card.Training!;
        var md = new StringBuilder();
        md.AppendLine($"# Model card: {card.Name} {card.Version}");
        md.AppendLine();
        md.AppendLine($"Classifies a photo of a returned clothing item into one of {card.Labels.Count} classes: {string.Join(", ", card.Labels)}.");
        md.AppendLine();
        md.AppendLine("| | |\n|---|---|");
        md.AppendLine($"| file | `{card.File}`, SHA-256 `{card.Sha256}` |");
        md.AppendLine($"| test-split top-1 accuracy | **{e.Accuracy:P2}** on {e.Images} images (validation, held out of train: {e.ValidationAccuracy:P2}) |");
        md.AppendLine($"| input | `{card.Input.Name}` float [N,3,{card.Input.Height},{card.Input.Width}], RGB, resize `{card.Input.Resize}`, /255, mean ({string.Join(", ", card.Input.Mean)}), std ({string.Join(", ", card.Input.Std)}) |");
        md.AppendLine($"| output | `{card.OutputName}` float [N,{card.Labels.Count}], softmax, labels in the order above |");
        md.AppendLine($"| backbone | `{t.Backbone}` (SHA-256 `{t.BackboneSha256}`), ImageNet MobileNetV2 int8, frozen — see `../backbones/` and its NOTICE |");
        md.AppendLine($"| head | {t.Head} |");
        md.AppendLine($"| training data | {t.Dataset}: {t.TrainImages} images ({t.ValidationImages} held out for tuning), fingerprint `{t.TrainDataSha256}` |");
        md.AppendLine($"| hyperparameters | {string.Join(", ", t.Hyperparameters.Select(h => $"{h.Key}={h.Value}"))} |");
        md.AppendLine($"| trained | {t.TrainedAt:yyyy-MM-dd HH:mm} UTC in {t.DurationSeconds:F0} s on 2 CPU cores |");
        md.AppendLine($"| reproduce | `{t.Command}` |");
        md.AppendLine();
        md.AppendLine("## Per class (test split)\n\n| class | precision | recall | support |\n|---|---|---|---|");
        foreach (var c in e.PerClass)
            md.AppendLine($"| {c.Label} | {c.Precision:P1} | {c.Recall:P1} | {c.Support} |");
        md.AppendLine();
        md.AppendLine("## Confusion matrix (rows: true class, columns: predicted)\n");
        md.AppendLine("| | " + string.Join(" | ", card.Labels) + " |");
        md.AppendLine("|---|" + string.Concat(card.Labels.Select(_ => "---|")));
        for (var k = 0; k < card.Labels.Count; k++)
            md.AppendLine($"| **{card.Labels[k]}** | " + string.Join(" | ", e.ConfusionMatrix[k]) + " |");
        md.AppendLine();
        md.AppendLine($"## Baseline for drift checks\n\nPredicted class mix on the test split (mean confidence {card.Baseline!.MeanConfidence:P1}): " +
            string.Join(", ", card.Baseline.ClassMix.Select(p => $"{p.Key} {p.Value:P1}")) + ".");
        md.AppendLine();
        md.AppendLine("## Limits\n\nTrained on studio-like photos of single items on plain backgrounds; accessories, multi-item photos and " +
            "classes outside the ten above get a confident wrong label rather than \"unknown\". Low-confidence results go to human review.");
        return md.ToString();
    }
}
