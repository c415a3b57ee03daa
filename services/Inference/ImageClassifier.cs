using System.Buffers;
using System.Diagnostics;
using Returns.Inference.Imaging;
using Returns.Contracts;
using Returns.Models;
using Returns.Telemetry;

namespace Returns.Inference;

/// <summary>Preprocesses a batch of encoded images and classifies the decodable ones in one inference call; a photo that
/// fails the quality gate is still classified (staff see the guess) but its outcome carries a retake.</summary>
public sealed class ImageClassifier : IDisposable
{
    public const int TopK = 3;

    private readonly OnnxModelRunner runner;
    private readonly PhotoQualityOptions quality;
    private readonly int thumbnailSide;

    /// <param name="quality">The quality gate's limits; null means the defaults.</param>
    /// <param name="thumbnailSide">Make each classified photo a JPEG preview whose longest side is at most this (0: none).</param>
    public ImageClassifier(ModelCard card, string modelPath, int intraOpThreads = 0, PhotoQualityOptions? quality = null, int thumbnailSide = 0)
    {
        Card = card;
        this.quality = quality ?? new PhotoQualityOptions();
        this.thumbnailSide = thumbnailSide;
        Preprocessor = new ImagePreprocessor(card.Input);
        Identity = new ModelIdentity(card.Name, card.Version, card.Sha256);
        runner = OnnxModelRunner.Load(card, modelPath, intraOpThreads);
    }

    public ModelCard Card { get; }
    public ModelIdentity Identity { get; }
    public ImagePreprocessor Preprocessor { get; }

    public static ImageClassifier Load(ResolvedModel model, int intraOpThreads = 0, PhotoQualityOptions? quality = null, int thumbnailSide = 0) =>
        new(model.Card, model.ModelPath, intraOpThreads, quality, thumbnailSide);

    public IReadOnlyList<ClassificationOutcome> Classify(IReadOnlyList<byte[]> images)
    {
        var sampleLength = Card.Input.TensorLength;
        var batch = ArrayPool<float>.Shared.Rent(Math.Max(1, images.Count) * sampleLength);
        try
        {
            var outcomes = new ClassificationOutcome?[images.Count];
            var slots = new List<int>(images.Count);
            var retakes = new List<Retake?>(images.Count);
            var thumbnails = new List<byte[]?>(images.Count);
            using (ReturnsTelemetry.Source.StartActivity("classifier.preprocess")?.SetTag("returns.batch.size", images.Count))
            {
                var decoded = PreprocessAll(images, batch);
                for (var index = 0; index < images.Count; index++)
                {
                    if (!decoded[index].Succeeded)
                    {
                        outcomes[index] = new ClassificationOutcome(null, decoded[index].Reason, decoded[index].Detail);
                        continue;
                    }
                    // The model sees only decodable images, back to back: close the gap a failed one left.
                    if (slots.Count != index)
                        batch.AsSpan(index * sampleLength, sampleLength).CopyTo(batch.AsSpan(slots.Count * sampleLength, sampleLength));
                    slots.Add(index);
                    retakes.Add(PhotoQuality.Judge(decoded[index].Quality, quality));
                    thumbnails.Add(decoded[index].Thumbnail);
                }
            }

            if (slots.Count > 0)
            {
                float[] probabilities;
                int classes;
                using (ReturnsTelemetry.Source.StartActivity("classifier.inference")?.SetTag("returns.batch.size", slots.Count))
                {
                    var started = Stopwatch.GetTimestamp();
                    probabilities = runner.Run(batch, slots.Count, out classes);
                    ReturnsTelemetry.InferenceDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    ReturnsTelemetry.RecordStage(Stages.Inference, started);
                    ReturnsTelemetry.BatchSize.Record(slots.Count);
                }
                var ranking = Stopwatch.GetTimestamp();
                for (var s = 0; s < slots.Count; s++)
                    outcomes[slots[s]] = new ClassificationOutcome(Predict(probabilities.AsSpan(s * classes, classes)), null, null)
                    {
                        Retake = retakes[s],
                        Thumbnail = thumbnails[s],
                    };
                ReturnsTelemetry.RecordStage(Stages.Rank, ranking);
            }
            return outcomes.Select(o => o!).ToArray();
        }
        finally
        {
            ArrayPool<float>.Shared.Return(batch);
        }
    }

    /// <summary>Decodes and preprocesses every image of the batch in parallel, image i into slot i of
    /// <paramref name="batch"/>: each image is independent of the others, so the tensors are those of one by one.</summary>
    private DecodeResult[] PreprocessAll(IReadOnlyList<byte[]> images, float[] batch)
    {
        var sampleLength = Card.Input.TensorLength;
        var decoded = new DecodeResult[images.Count];
        var durations = new double[images.Count];
        Parallel.For(0, images.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, index =>
        {
            var started = Stopwatch.GetTimestamp();
            decoded[index] = TryPreprocess(images[index], batch.AsSpan(index * sampleLength, sampleLength));
            durations[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        });
        // Recorded on the batch's own thread, as the batch's other measurements are.
        foreach (var duration in durations)
            ReturnsTelemetry.DecodeDuration.Record(duration);
        return decoded;
    }

    /// <summary>A decoder failure on one image (Skia cannot allocate its pixels, say) is that image's outcome,
    /// never an exception that fails the batch around it.</summary>
    private DecodeResult TryPreprocess(byte[] image, Span<float> destination)
    {
        try
        {
            return Preprocessor.Preprocess(image, destination, thumbnailSide);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return DecodeResult.Failed(RejectionReasons.Undecodable, "decoding failed: " + e.GetType().Name);
        }
    }

    private ImagePrediction Predict(ReadOnlySpan<float> probabilities)
    {
        var array = probabilities.ToArray();
        var ranked = Enumerable.Range(0, array.Length).OrderByDescending(i => array[i]).ThenBy(i => i).ToArray();
        var top = ranked.Take(TopK).Select(i => new LabelScore(Card.Labels[i], array[i])).ToArray();
        return new ImagePrediction(top[0].Label, top[0].Score, top, array);
    }

    public void Dispose() => runner.Dispose();
}
