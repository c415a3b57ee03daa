using Returns.Inference;
using Returns.Models;
using Returns.Contracts;
using Returns.Testing;

namespace Returns.Classifier.Tests;

public sealed class ImageClassifierTests(ModelFixture model) : IClassFixture<ModelFixture>
{
    [Fact]
    public void A_broken_image_in_a_batch_is_rejected_and_the_others_are_classified_in_order()
    {
        var first = File.ReadAllBytes(RepoPaths.SamplePhoto(0));
        var second = File.ReadAllBytes(RepoPaths.SamplePhoto(5));

        var outcomes = model.Classifier.Classify([first, BadImages.Truncated(first), second]);

        Assert.Equal([true, false, true], outcomes.Select(o => o.Classified));
        Assert.Equal(RejectionReasons.Truncated, outcomes[1].RejectionReason);
        Assert.Equal(model.Classifier.Classify([second]).Single().Prediction!.Label, outcomes[2].Prediction!.Label);
    }

    [Fact]
    public void Preprocessing_a_batch_in_parallel_gives_each_photo_the_probabilities_it_gets_alone_wherever_broken_ones_sit()
    {
        var photos = Enumerable.Range(0, 6).Select(i => File.ReadAllBytes(RepoPaths.SamplePhoto(i))).ToArray();
        byte[][] batch = [BadImages.TextWithImageName(), photos[0], photos[1], BadImages.Truncated(photos[2]), .. photos[3..]];

        var outcomes = model.Classifier.Classify(batch);

        Assert.Equal([false, true, true, false, true, true, true], outcomes.Select(o => o.Classified));
        foreach (var (photo, outcome) in new[] { photos[0], photos[1], photos[3], photos[4], photos[5] }.Zip(outcomes.Where(o => o.Classified)))
        {
            var alone = model.Classifier.Classify([photo]).Single();
            Assert.Equal(alone.Prediction!.Probabilities, outcome.Prediction!.Probabilities, (a, b) => Math.Abs(a - b) < 1e-4f);
        }
    }

    [Fact]
    public void A_photo_that_needs_a_retake_is_still_classified_so_staff_see_the_models_guess()
    {
        var photo = File.ReadAllBytes(RepoPaths.SamplePhoto(1));
        var dark = DegradedPhotos.Make(photo, Degradation.Dark, seed: 3);

        var outcomes = model.Classifier.Classify([photo, dark]);

        Assert.Null(outcomes[0].Retake);
        Assert.Equal(RetakeReasons.TooDark, outcomes[1].Retake?.Reason);
        Assert.Equal(ImageClassifier.TopK, outcomes[1].Prediction!.TopK.Count);
    }

    [Fact]
    public void Batching_does_not_change_any_probability()
    {
        var photos = Enumerable.Range(0, 8).Select(i => File.ReadAllBytes(RepoPaths.SamplePhoto(i))).ToArray();

        var batched = model.Classifier.Classify(photos);

        for (var i = 0; i < photos.Length; i++)
        {
            var alone = model.Classifier.Classify([photos[i]]).Single().Prediction!;
            Assert.Equal(alone.Probabilities, batched[i].Prediction!.Probabilities, (a, b) => Math.Abs(a - b) < 1e-4f);
        }
    }

    [Fact]
    public void Top_k_is_sorted_best_first_and_starts_with_the_label()
    {
        var prediction = model.Classifier.Classify([File.ReadAllBytes(RepoPaths.SamplePhoto(3))]).Single().Prediction!;

        Assert.Equal(3, prediction.TopK.Count);
        Assert.Equal(prediction.Label, prediction.TopK[0].Label);
        Assert.Equal(prediction.Confidence, prediction.TopK[0].Score);
        Assert.True(prediction.TopK[0].Score >= prediction.TopK[1].Score && prediction.TopK[1].Score >= prediction.TopK[2].Score);
        Assert.Equal(1f, prediction.Probabilities.Sum(), 1e-4f);
    }
}
