using System.Text;
using ImapMcp.Mail.Internal;
using Microsoft.Data.Sqlite;

namespace ImapMcp.Mail.Tests.Encryption;

/// <summary>The C# word splitter an encrypted cache indexes with, against SQLite's own unicode61 tokenizer.</summary>
public sealed class FtsWordsTests
{
    private static readonly string[] Words =
    [
        "Café in Zürich", "naïve façade", "Ærøskøbing", "São Paulo", "Straße", "Ελληνικά ά", "Москва й", "日本語のテキスト", "Thursday at 2pm",
        "can't", "e-mail", "O'Brien", "x_y", "ǅemal", "İstanbul", "µs", "Ångström", "Zu\u0308rich", "cafe\u0301", "ﬁle", "👍test", "½ ⅓",
        "١٢٣", "a\u200db", "Łódź", "Dvořák", "Nguyễn Thị", "ĳssel", "ŉ", "ſtraße", "ς σ Σ", "ǆ", "İ", "Ⓐ", "x\u0338y", "sarah.chen@client.example",
        "<repo.github.com>", "CamelCaseWord", "ÀÉÎÕÜ", "\u00A0nbsp\u2003em", "tab\there", "crlf\r\nline",
    ];

    [Fact]
    public void Words_and_diacritics_fold_as_SQLite_unicode61_remove_diacritics_2_does()
    {
        var texts = new List<string>(Words);
        // Every Latin letter SQLite folds, every combining mark it drops or splits on, Greek and Cyrillic.
        foreach (var range in new[] { (0xA0, 0x250), (0x1E00, 0x1F00), (0x300, 0x370), (0x370, 0x530) })
        {
            for (var c = range.Item1; c < range.Item2; c++)
                texts.Add("q" + (char)c + "q Q" + (char)c);
        }

        var expected = SqliteWords(texts);
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i];
            Assert.True(expected[i].SequenceEqual(FtsWords.Of(text)),
                $"'{text}' (U+{string.Join(" U+", text.Select(c => ((int)c).ToString("X4")))}): SQLite [{string.Join(", ", expected[i])}], C# [{string.Join(", ", FtsWords.Of(text))}]");
        }
    }

    [Fact]
    public void A_long_word_and_empty_text_are_handled()
    {
        var longWord = new string('x', 5000);
        Assert.Equal([longWord, "y"], FtsWords.Of(longWord + " y"));
        Assert.Empty(FtsWords.Of(""));
        Assert.Empty(FtsWords.Of("!!! ... ---"));
    }

    private static List<List<string>> SqliteWords(List<string> texts)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = """
                CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2');
                CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');
                """;
            create.ExecuteNonQuery();
        }

        using (var tx = connection.BeginTransaction())
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO t(rowid, x) VALUES ($id, $x);";
            var id = insert.Parameters.Add("$id", SqliteType.Integer);
            var x = insert.Parameters.Add("$x", SqliteType.Text);
            for (var i = 0; i < texts.Count; i++)
            {
                id.Value = i;
                x.Value = texts[i];
                insert.ExecuteNonQuery();
            }

            tx.Commit();
        }

        var result = texts.Select(_ => new List<string>()).ToList();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT doc, term FROM v ORDER BY doc, offset;";
        using var r = read.ExecuteReader();
        while (r.Read())
            result[r.GetInt32(0)].Add(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(r.GetString(1))));
        return result;
    }
}
