using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Returns.Contracts;
using Returns.Images.ClaimCheck;
using Returns.Testing;

namespace Returns.Classifier.Tests;

/// <summary>The classifier's consumer on MassTransit's test harness with the real model and a real claim-check folder:
/// what it publishes for good images, hostile images and forged messages, and that none of them fails its batch.</summary>
public sealed class ImageReceivedConsumerTests : IAsyncLifetime
{
    private const int Batch = 7;
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("returns-classifier-consumer-");
    private HarnessHost host = null!;

    private ClaimCheckStore Store => host.Services.GetRequiredService<ClaimCheckStore>();

    public async ValueTask InitializeAsync()
    {
        host = await HarnessHost.StartAsync(new()
            {
                ["Messaging:Transport"] = "InMemory",
                ["Messaging:ClaimCheckPath"] = Path.Combine(work.FullName, "claim-check"),
                ["Classifier:BatchSize"] = Batch.ToString(),
                ["Classifier:BatchTimeLimitMs"] = "3000", // long enough that the messages sent together form one batch
                ["Classifier:IntraOpThreads"] = "1",
            },
            builder => builder.AddClassifier(),
            (bus, builder) => bus.AddClassifierConsumers(builder));
    }

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        work.Delete(recursive: true);
    }

    [Fact]
    public async Task A_decompression_bomb_in_a_batch_of_seven_is_one_rejection_and_the_other_six_are_classified()
    {
        var messages = new List<ImageReceived>();
        for (var i = 0; i < Batch - 1; i++)
            messages.Add(await ReceivedAsync(File.ReadAllBytes(RepoPaths.SamplePhoto(i))));
        var bomb = await ReceivedAsync(BadImages.DecompressionBomb()); // stored directly: ingest never saw it
        messages.Insert(3, bomb);

        await PublishAllAsync(messages);

        var rejected = await OutcomesAsync();
        Assert.Equal(Batch - 1, host.Harness.Published.Select<ImageClassified>().Count());
        Assert.Equal((bomb.ImageId, RejectionReasons.TooManyPixels), (rejected.Single().ImageId, rejected.Single().Reason));
        Assert.False(host.Harness.Published.Select<Fault>().Any());
    }

    [Fact]
    public async Task A_classified_photo_carries_an_upright_jpeg_thumbnail_of_at_most_192_px_with_its_aspect_ratio()
    {
        var photo = File.ReadAllBytes(RepoPaths.SamplePhoto(4));
        using var original = SkiaSharp.SKCodec.Create(new MemoryStream(photo));

        await PublishAllAsync([await ReceivedAsync(photo)]);

        await OutcomesAsync(expected: 1);
        using var thumbnail = ThumbnailTests.Decode(host.Harness.Published.Select<ImageClassified>().Single().Context.Message.Thumbnail);
        Assert.Equal(192, Math.Max(thumbnail.Width, thumbnail.Height));
        Assert.Equal(original.Info.Width / (double)original.Info.Height, thumbnail.Width / (double)thumbnail.Height, 0.02);
    }

    [Fact]
    public async Task Forged_addresses_and_missing_bytes_are_each_one_rejection_without_a_read_and_the_batch_goes_on()
    {
        var fifo = SpecialFiles.Fifo(Path.Combine(work.FullName, "outside.fifo")); // opened, it would block for ever
        var good = await ReceivedAsync(File.ReadAllBytes(RepoPaths.SamplePhoto(0)));
        var traversal = Forged(new Uri("urn:file:../" + Path.GetFileName(fifo)));
        var absolute = Forged(new Uri("file://" + fifo));
        var inline = Forged(null);
        var otherImage = Forged(good.Image.Address); // a real entry, but not this image's bytes
        var gone = Forged(ClaimCheckAddress.For(new string('d', 64))) with { ImageId = new string('d', 64) };

        await PublishAllAsync([good, traversal, absolute, inline, otherImage, gone]);

        var rejected = (await OutcomesAsync(expected: 6)).ToDictionary(r => r.ImageId, r => r.Reason);
        Assert.Equal(good.ImageId, host.Harness.Published.Select<ImageClassified>().Single().Context.Message.ImageId);
        Assert.Equal(RejectionReasons.ClaimCheckRefused, rejected[traversal.ImageId]);
        Assert.Equal(RejectionReasons.ClaimCheckRefused, rejected[absolute.ImageId]);
        Assert.Equal(RejectionReasons.ClaimCheckRefused, rejected[inline.ImageId]);
        Assert.Equal(RejectionReasons.ClaimCheckRefused, rejected[otherImage.ImageId]);
        Assert.Equal(RejectionReasons.ImageMissing, rejected[gone.ImageId]);
        Assert.False(host.Harness.Published.Select<Fault>().Any());
    }

    [Fact]
    public async Task Messages_whose_ids_or_times_break_the_contract_are_refused_with_a_reason_before_batching_and_the_rest_of_the_batch_is_classified()
    {
        var good = await ReceivedAsync(File.ReadAllBytes(RepoPaths.SamplePhoto(0)));
        var bidi = await ReceivedAsync(File.ReadAllBytes(RepoPaths.SamplePhoto(1))) with { ReturnId = "R-\u202E1gpj.exe" };
        var future = await ReceivedAsync(File.ReadAllBytes(RepoPaths.SamplePhoto(2))) with { ReceivedAt = new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero) };
        var control = await ReceivedAsync(File.ReadAllBytes(RepoPaths.SamplePhoto(3))) with { LineId = "1\u0000" };

        await PublishAllAsync([good, bidi, future, control]);

        // Sent together, they would form one batch: the good one classified alone means the others never reached it.
        await OutcomesAsync(expected: 1);
        Assert.Equal(good.ImageId, host.Harness.Published.Select<ImageClassified>().Single().Context.Message.ImageId);
        Assert.Empty(host.Harness.Published.Select<ImageRejected>());
        Assert.Contains("return id", Refusal(bidi));
        Assert.Contains("received at", Refusal(future));
        Assert.Contains("line id", Refusal(control));
    }

    private static string Refusal(ImageReceived message) =>
        Assert.Throws<ServiceDefaults.InvalidMessageException>(() => Edge.ClassifierEdgeChecks.Check(message, TimeProvider.System)).Message;

    private async Task PublishAllAsync(IEnumerable<ImageReceived> messages)
    {
        foreach (var message in messages)
            await host.Harness.Bus.Publish(message, TestContext.Current.CancellationToken);
    }

    /// <summary>Waits until every published image has its outcome; returns the rejections.</summary>
    private async Task<IReadOnlyList<ImageRejected>> OutcomesAsync(int expected = Batch)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (host.Harness.Published.Select<ImageClassified>().Count() + host.Harness.Published.Select<ImageRejected>().Count() < expected)
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail("outcomes missing; faults: " + string.Join("; ", host.Harness.Published.Select<Fault>().Select(f => string.Join(",", f.Context.Message.Exceptions.Select(e => e.Message))))
                    + "; consumed with exception: " + string.Join("; ", host.Harness.Consumed.Select<ImageReceived>().Where(c => c.Exception is not null).Select(c => c.Exception!.Message)));
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        return host.Harness.Published.Select<ImageRejected>().Select(m => m.Context.Message).ToArray();
    }

    private async Task<ImageReceived> ReceivedAsync(byte[] bytes)
    {
        await using var staged = await Store.StageAsync(new MemoryStream(bytes), long.MaxValue, TestContext.Current.CancellationToken);
        var commit = Store.Commit(staged);
        return Message(staged.Id, commit.Reference);
    }

    private static ImageReceived Forged(Uri? address) =>
        Message(ImageId.Of(Guid.NewGuid().ToByteArray()), new ForgedReference(address));

    private static ImageReceived Message(string id, MessageData<byte[]> image) => new()
    {
        ImageId = id, SourceName = id[..8] + ".jpg", ContentType = "image/jpeg", ByteSize = 1, Width = 100, Height = 100,
        ReceivedAt = DateTimeOffset.UtcNow, Image = image,
    };

    /// <summary>What an attacker on the broker would send: any address at all, or none (bytes inline).</summary>
    private sealed class ForgedReference(Uri? address) : MessageData<byte[]>
    {
        public Uri Address { get; } = address!;
        public bool HasValue => Address is not null;
        public Task<byte[]> Value => Task.FromResult(BadImages.DecompressionBomb());
    }
}
