using Returns.Contracts;

namespace Returns.Ingest.Tests;

public sealed class ImageIdsTests
{
    [Fact]
    public void The_same_bytes_always_get_the_same_id_and_other_bytes_another()
    {
        Assert.Equal(ImageId.Of([1, 2, 3]), ImageId.Of([1, 2, 3]));
        Assert.NotEqual(ImageId.Of([1, 2, 3]), ImageId.Of([1, 2, 4]));
        Assert.Matches("^[0-9a-f]{64}$", ImageId.Of([]));
    }

    [Theory]
    [InlineData("../../etc/passwd", "etc/passwd")]
    [InlineData("..\\..\\windows\\win.ini", "windows/win.ini")]
    [InlineData("/absolute/photo.jpg", "absolute/photo.jpg")]
    [InlineData("shoes/./photo.jpg", "shoes/photo.jpg")]
    [InlineData("bad\u0000name\u001b[31m.jpg", "badname[31m.jpg")]
    [InlineData("..", "unnamed")]
    [InlineData("", "unnamed")]
    public void Source_names_are_labels_that_cannot_climb_out_of_a_folder(string given, string expected) =>
        Assert.Equal(expected, SourceNames.Safe(given));
}
