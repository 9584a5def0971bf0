using KdFamily.Domain.Errors;
using KdFamily.Domain.Families;
using KdFamily.Domain.Files;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Tests.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Testing;

namespace KdFamily.Domain.Tests.Files;

public sealed class AttachmentFileTypesTests
{
    private static readonly Family Family = new() { Name = "Proof", TimeZone = "Europe/Berlin", InviteCode = "PROOF" };

    public static TheoryData<byte[], AttachmentFileType> Recognised => new()
    {
        { TestImages.JpegWithGps(), AttachmentFileType.Jpeg },
        { TestImages.PngWithGps(), AttachmentFileType.Png },
        { TestImages.WebPWithGps(), AttachmentFileType.WebP },
        { [0, 0, 0, 0x18, .. "ftypheic"u8, 0, 0, 0, 0], AttachmentFileType.Heic },
        { [0, 0, 0, 0x18, .. "ftypmif1"u8, 0, 0, 0, 0], AttachmentFileType.Heic },
        { "%PDF-1.7\n%âãÏÓ"u8.ToArray(), AttachmentFileType.Pdf },
    };

    [Theory]
    [MemberData(nameof(Recognised))]
    public void Detect_AllowedKinds_AreRecognisedByTheirBytes(byte[] file, AttachmentFileType expected) =>
        Assert.Equal(expected, AttachmentFileTypes.Detect(file.AsSpan(0, Math.Min(file.Length, AttachmentFileTypes.HeaderLength))));

    [Theory]
    [InlineData("MZ\u0090\0\u0003\0\0\0")] // a Windows executable, whatever it is called
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\">")] // scriptable
    [InlineData("GIF89a")]
    [InlineData("")]
    public void Detect_OtherBytes_AreNotAllowed(string content) =>
        Assert.Null(AttachmentFileTypes.Detect(System.Text.Encoding.Latin1.GetBytes(content)));

    [Fact]
    public void Detect_AvifBrand_IsNotHeic() =>
        Assert.Null(AttachmentFileTypes.Detect([0, 0, 0, 0x18, .. "ftypavif"u8, 0, 0, 0, 0]));

    [Fact]
    public void CheckFile_TooLarge_IsRefusedBeforeItsKind()
    {
        Assert.IsType<FileTooLargeError>(AttachmentRules.CheckFile(11, exceedsLimit: false, maxBytes: 10, detected: null));
        Assert.IsType<FileTooLargeError>(AttachmentRules.CheckFile(5, exceedsLimit: true, maxBytes: 10, detected: AttachmentFileType.Png));
        Assert.IsType<UnsupportedFileTypeError>(AttachmentRules.CheckFile(5, exceedsLimit: false, maxBytes: 10, detected: null));
        Assert.Null(AttachmentRules.CheckFile(10, exceedsLimit: false, maxBytes: 10, detected: AttachmentFileType.Pdf));
    }

    [Fact]
    public void MayAttach_AssigneeOrParent_WhileTheTaskHasRoom()
    {
        var kid = TestUsers.Create(Family, UserRole.Member, "kid");
        var sibling = TestUsers.Create(Family, UserRole.Member, "sib");
        var parent = TestUsers.Create(Family, UserRole.Parent, "par");
        var task = new FamilyTask { Title = "Dishes", FamilyId = Family.Id, AssignedToId = kid.Id };

        Assert.Null(AttachmentRules.MayAttach(task, kid, 0));
        Assert.Null(AttachmentRules.MayAttach(task, parent, 9));
        Assert.IsType<NotAuthorizedError>(AttachmentRules.MayAttach(task, sibling, 0));
        Assert.Equal("file", Assert.IsType<ValidationError>(AttachmentRules.MayAttach(task, kid, 10)).Field);
    }

    [Fact]
    public void MayRemove_UploaderOrParent()
    {
        var kid = TestUsers.Create(Family, UserRole.Member, "kid");
        var sibling = TestUsers.Create(Family, UserRole.Member, "sib");
        var parent = TestUsers.Create(Family, UserRole.Parent, "par");
        var file = new TaskAttachment { FileName = "a.jpg", ContentType = "image/jpeg", Url = "", UploadedById = kid.Id };

        Assert.Null(AttachmentRules.MayRemove(file, kid));
        Assert.Null(AttachmentRules.MayRemove(file, parent));
        Assert.IsType<NotAuthorizedError>(AttachmentRules.MayRemove(file, sibling));
    }
}
