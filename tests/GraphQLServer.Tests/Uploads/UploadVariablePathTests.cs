using GraphQLServer.Uploads;

namespace GraphQLServer.Tests.Uploads;

public sealed class UploadVariablePathTests
{
    private static readonly IUploadedFile File = new SampleFile();

    [Fact]
    public void TryPlace_NullFieldOfAnInputObject_PutsTheFileThereAndCopiesTheObject()
    {
        var input = new Dictionary<string, object?> { ["taskId"] = "T1", ["file"] = null };
        var variables = new Dictionary<string, object?> { ["input"] = input };

        Assert.True(UploadVariablePath.TryPlace(variables, "variables.input.file", File));

        var placed = Assert.IsType<Dictionary<string, object?>>(variables["input"]);
        Assert.Same(File, placed["file"]);
        Assert.Equal("T1", placed["taskId"]);
        Assert.Null(input["file"]);
    }

    [Fact]
    public void TryPlace_NullItemOfAList_PutsTheFileAtThatIndex()
    {
        var variables = new Dictionary<string, object?> { ["files"] = new List<object?> { null, null } };

        Assert.True(UploadVariablePath.TryPlace(variables, "variables.files.1", File));

        Assert.Equal([null, File], Assert.IsType<List<object?>>(variables["files"]));
    }

    [Theory]
    [InlineData("variables.input.taskId")] // not null: the client did not leave the place for a file
    [InlineData("variables.input.missing")]
    [InlineData("variables.nothing")]
    [InlineData("operations.input.file")]
    [InlineData("variables.files.5")]
    [InlineData("variables")]
    public void TryPlace_PathNotNamingANullVariable_IsRefused(string path)
    {
        var variables = new Dictionary<string, object?>
        {
            ["input"] = new Dictionary<string, object?> { ["taskId"] = "T1", ["file"] = null },
            ["files"] = new List<object?> { null },
        };

        Assert.False(UploadVariablePath.TryPlace(variables, path, File));
    }

    private sealed class SampleFile : IUploadedFile
    {
        public string FileName => "a.jpg";

        public string? DeclaredContentType => null;

        public long Length => 0;

        public bool ExceedsLimit => false;

        public Stream OpenReadStream() => new MemoryStream();
    }
}
