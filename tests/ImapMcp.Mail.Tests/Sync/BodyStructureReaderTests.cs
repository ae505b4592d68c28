using System.Text;
using ImapMcp.Mail.Internal.Imap;
using ImapMcp.Mail.Query;

namespace ImapMcp.Mail.Tests.Sync;

/// <summary>BODYSTRUCTUREs as servers send them, read into the attachment list MailKit's summary gives for them.</summary>
public sealed class BodyStructureReaderTests
{
    private static List<AttachmentInfo> Read(string structure) => BodyStructureReader.AttachmentsOf(Encoding.UTF8.GetBytes(structure));

    [Fact]
    public void Nested_multiparts_give_attachments_with_their_part_specifiers_names_and_sizes()
    {
        const string alternative = "((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 10 1 NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 20 1 NIL NIL NIL NIL) \"alternative\" (\"boundary\" \"b2\") NIL NIL NIL)";
        const string pdf = "(\"application\" \"pdf\" (\"name\" \"ignored.pdf\") NIL NIL \"base64\" 3000 NIL (\"attachment\" (\"filename\" \"Q3 \\\"final\\\".pdf\")) NIL NIL)";
        const string inline = "(\"image\" \"png\" NIL NIL NIL \"base64\" 500 NIL (\"inline\" (\"filename\" \"logo.png\")) NIL NIL)";
        const string forwarded = "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 800 (\"Mon, 1 Jan 2024 00:00:00 +0000\" \"inner\" NIL NIL NIL NIL NIL NIL NIL NIL) (\"text\" \"plain\" NIL NIL NIL \"7bit\" 5 1 NIL (\"attachment\" NIL) NIL NIL) 12 NIL (\"attachment\" NIL) NIL NIL)";
        const string encoded = "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 4 1 NIL (\"ATTACHMENT\" (\"filename*\" \"utf-8''caf%C3%A9.txt\")) NIL NIL)";
        const string named = "(\"application\" \"zip\" (\"name\" {13}\r\n by type.zip ) NIL NIL \"base64\" 700 NIL (\"attachment\" NIL) NIL NIL)";

        var attachments = Read($"({alternative}{pdf}({inline}{encoded} \"related\" NIL NIL NIL){forwarded}{named} \"mixed\" (\"boundary\" \"b1\") NIL NIL NIL)");

        Assert.Equal(
            [
                new AttachmentInfo("Q3 \"final\".pdf", "application/pdf", 3000, "2"),
                new AttachmentInfo("café.txt", "text/plain", 4, "3.2"),
                new AttachmentInfo("(unnamed)", "message/rfc822", 800, "4"),
                new AttachmentInfo("by type.zip", "application/zip", 700, "5"),
            ],
            attachments);
    }

    [Fact]
    public void A_single_part_attachment_has_an_empty_part_specifier()
    {
        var attachments = Read("(\"application\" \"octet-stream\" NIL NIL NIL \"base64\" 42 NIL (\"attachment\" (\"filename\" \"x.bin\")) NIL NIL)");

        Assert.Equal([new AttachmentInfo("x.bin", "application/octet-stream", 42, "")], attachments);
    }

    [Fact]
    public void Broken_server_shapes_MailKit_tolerates_are_tolerated()
    {
        // Exchange's bare disposition, Office 365's all-NIL part, Dovecot's childless multipart, a media type with no subtype
        // and a disposition with no value.
        var attachments = Read("((\"application\" \"pdf\" NIL NIL NIL \"base64\" 9 NIL \"attachment\" NIL NIL)(NIL NIL NIL NIL NIL \"7BIT\" 0 NIL NIL NIL NIL)(NIL \"alternative\" (\"boundary\" \"x\") NIL NIL NIL)(\"X-ZIP\" NIL NIL NIL \"base64\" 5 NIL (NIL (\"filename\" \"z.zip\")) NIL NIL) \"mixed\" NIL NIL NIL)");

        Assert.Equal(
            [
                new AttachmentInfo("(unnamed)", "application/pdf", 9, "1"),
                new AttachmentInfo("z.zip", "application/X-ZIP", 5, "4"),
            ],
            attachments);
    }

    [Theory]
    [InlineData("((\"text\" \"plain\" NIL NIL NIL \"7bit\" 10 1 NIL NIL NIL NIL) \"mixed\"")]
    [InlineData("(\"application\" \"pdf\" NIL NIL NIL \"base64\" many NIL (\"attachment\" NIL) NIL NIL)")]
    [InlineData("")]
    public void A_structure_that_does_not_parse_costs_the_list_only(string structure) => Assert.Empty(Read(structure));
}
