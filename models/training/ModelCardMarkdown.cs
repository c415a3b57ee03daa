using System.Text;
using Returns.Inference;
using Returns.Models;

namespace Returns.Training;

public static class ModelCardMarkdown
{
    public static string Render(ModelCard card)
    {
        var e = card.Evaluation!;
        var t = card.Training!;
        var md = new StringBuilder();
        md.AppendLine($"# Model card: {card.Version}");
        md.AppendLine();
        md.AppendLine($"Classifies a photo of a returned clothing item into one of {card.Labels.Count} classes: {string.Join(", ", card.Labels)}.");
        md.AppendLine("Everything below was chosen on the train split only (out-of-fold predictions over all of it); the test split was scored once, at the end.");
        md.AppendLine();
        md.AppendLine("| | |\n|---|---|");
        md.AppendLine($"| file | `{card.File}`, SHA-256 `{card.Sha256}` |");
        var interval = e.AccuracyInterval is { } ci ? $" (95 % interval {ci[0]:P1}–{ci[1]:P1})" : "";
        md.AppendLine($"| test-split top-1 accuracy | **{e.Accuracy:P2}**{interval} on {e.Images} images |");
        md.AppendLine($"| out-of-fold estimate | {e.ValidationAccuracy:P2} on {t.ValidationImages} train photos, each scored by a model that did not fit it |");
        if (card.Calibration is { } c)
            md.AppendLine($"| calibration | {c.Method}, T = {c.Temperature:F3}; calibration error (ECE, 15 bins) held out {c.HeldOutErrorBefore:F3} before → {c.HeldOutErrorAfter:F3} after; test {c.TestError:F3} |");
        if (card.Review is { } r)
            md.AppendLine($"| review threshold | **{r.Threshold:P1}** confidence, chosen for ≥ {r.TargetAccuracy:P0} accuracy on what is not reviewed: held out {r.HeldOutCoverage:P1} auto-accepted at {r.HeldOutAccuracy:P2}; test {r.TestCoverage:P1} at {r.TestAccuracy:P2} |");
        md.AppendLine($"| input | `{card.Input.Name}` float [N,3,{card.Input.Height},{card.Input.Width}], RGB, resize `{card.Input.Resize}`, /255, mean ({string.Join(", ", card.Input.Mean)}), std ({string.Join(", ", card.Input.Std)}) |");
        md.AppendLine($"| output | `{card.OutputName}` float [N,{card.Labels.Count}], calibrated softmax, labels in the order above |");
        md.AppendLine(card.Requires is { } needs
            ? $"| processor | needs {string.Join(" or ", needs.AnyOf)}: {needs.Reason} |"
            : "| processor | any x86-64: a float graph, the same probabilities within 1e-4 with or without AVX-512/VNNI |");
        md.AppendLine($"| backbone | `{t.Backbone}` (SHA-256 `{t.BackboneSha256}`), ImageNet MobileNetV2 int8 — see `../backbones/` and its NOTICE |");
        md.AppendLine($"| tail and head | {t.Head} |");
        md.AppendLine($"| training data | {t.Dataset}: {t.TrainImages} images, fingerprint `{t.TrainDataSha256}` |");
        md.AppendLine($"| hyperparameters | {string.Join(", ", t.Hyperparameters.Select(h => $"{h.Key}={h.Value}"))} |");
        md.AppendLine($"| trained | {t.TrainedAt:yyyy-MM-dd HH:mm} UTC in {t.DurationSeconds / 60:F0} min on 2 CPU cores |");
        md.AppendLine($"| reproduce | `{t.Command}` |");
        md.AppendLine();
        AppendLineage(md, card.Lineage);
        AppendRiskCoverage(md, e);
        md.AppendLine("## Per class (test split)\n\n| class | precision | recall | support |\n|---|---|---|---|");
        foreach (var m in e.PerClass)
            md.AppendLine($"| {m.Label} | {m.Precision:P1} | {m.Recall:P1} | {m.Support} |");
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
            "classes outside the ten above get a wrong label rather than \"unknown\", usually with low confidence. " +
            $"The threshold and calibration were fitted on {t.ValidationImages} out-of-fold predictions: expect a point or two of variation on other photos.");
        return md.ToString();
    }

    private static void AppendLineage(StringBuilder md, DataLineage? lineage)
    {
        if (lineage is null)
            return;
        md.AppendLine("## Lineage\n\n| | |\n|---|---|");
        md.AppendLine($"| dataset | train split fingerprint `{lineage.DatasetSha256}` |");
        md.AppendLine(lineage.Corrections == 0
            ? "| corrections | none |"
            : $"| corrections | {lineage.Corrections} photos labelled by staff reviews, added to the fit part only (never to the held-out part or the test split); fingerprint of their labels and bytes `{lineage.CorrectionsSha256}` |");
        md.AppendLine($"| parent | `{lineage.Parent}` |");
        md.AppendLine();
        md.AppendLine("The parent is the version this one succeeds (by default, production when it was trained), normally the one whose " +
            "labels staff corrected. It is not a starting point: training starts again from the ImageNet backbone, so this version " +
            "inherits no weights from its parent, only the reviewed labels of its mistakes.");
        md.AppendLine();
    }

    private static void AppendRiskCoverage(StringBuilder md, ModelEvaluation e)
    {
        if (e.RiskCoverage is not { } test)
            return;
        var heldOut = e.HeldOutRiskCoverage ?? [];
        md.AppendLine("## Risk–coverage: accuracy of the most confident share\n\n| auto-accepted share | test accuracy | from confidence | held-out accuracy |\n|---|---|---|---|");
        foreach (var p in test)
        {
            var h = heldOut.FirstOrDefault(x => Math.Abs(x.Coverage - p.Coverage) < 1e-9);
            md.AppendLine($"| {p.Coverage:P0} | {p.Accuracy:P1} | {p.MinConfidence:P1} | {(h is null ? "" : h.Accuracy.ToString("P1"))} |");
        }
        md.AppendLine();
    }
}
