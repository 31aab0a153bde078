using System.Buffers.Binary;
using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Belonging.Data.Campaigns;

/// <summary>Where campaign keys live: a directory outside the database (put it on another volume in production).</summary>
public sealed class BallotBoxOptions
{
    [Required]
    public string KeyDirectory { get; set; } = "keys";
}

/// <summary>What one respondent submitted, inside the envelope. Never stored in plain text while the campaign is open.</summary>
/// <param name="LeafUnitId">Invitee's leaf unit frozen at open.</param>
/// <param name="Demographics">Invitee's attributes frozen at open (canonical JSON).</param>
/// <param name="Values">One byte per item slot.</param>
/// <param name="Comments">Free-text answers by item position.</param>
public sealed record Ballot(Guid LeafUnitId, string Demographics, byte[] Values, IReadOnlyList<BallotComment> Comments);

/// <summary>A comment inside a ballot.</summary>
public sealed record BallotComment(int ItemPosition, string Text);

/// <summary>
/// The sealed ballot box. While a campaign is open each answer set is encrypted with the campaign's AES-256-GCM key
/// (kept in a key file, never in the database) and stored with the participation mark in one durable transaction.
/// At close the envelopes are opened, shuffled with the CSPRNG, written as plain answer sets in that random order in
/// one transaction (so rows share one transaction id and their physical order is the shuffle), the envelopes are
/// deleted and the key file is destroyed.
/// </summary>
public sealed class BallotBox(IOptions<BallotBoxOptions> options, ILogger<BallotBox> logger)
{
    /// <summary>Plaintexts are padded to a multiple of this, so ciphertext length does not reveal comment length.</summary>
    private const int PadTo = 4096;

    private string KeyPath(Guid campaignId)
    {
        var dir = Path.GetFullPath(options.Value.KeyDirectory);
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, campaignId.ToString("N") + ".key");
    }

    public void CreateKey(Guid campaignId)
    {
        var path = KeyPath(campaignId);
        if (File.Exists(path))
        {
            return;
        }

        var key = RandomNumberGenerator.GetBytes(32);
        using (var fs = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            fs.Write(key);
            fs.Flush(flushToDisk: true);
        }

        CryptographicOperations.ZeroMemory(key);
    }

    public bool HasKey(Guid campaignId) => File.Exists(KeyPath(campaignId));

    private byte[] ReadKey(Guid campaignId)
    {
        var path = KeyPath(campaignId);
        return File.Exists(path) ? File.ReadAllBytes(path) : throw new InvalidOperationException("The campaign key is missing; the ballot box cannot be opened.");
    }

    /// <summary>Encrypts a ballot into an envelope bound to its campaign (the campaign id is the associated data).</summary>
    public Envelope Seal(Guid campaignId, Ballot ballot)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(ballot);
        var padded = new byte[((json.Length + 4) / PadTo + 1) * PadTo];
        BinaryPrimitives.WriteInt32LittleEndian(padded, json.Length);
        json.CopyTo(padded, 4);
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var cipher = new byte[padded.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var key = ReadKey(campaignId);
        try
        {
            using var aes = new AesGcm(key, tag.Length);
            aes.Encrypt(nonce, padded, cipher, tag, campaignId.ToByteArray());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        return new Envelope(campaignId, nonce, cipher, tag);
    }

    private static Ballot Open(AesGcm aes, Guid campaignId, Envelope e)
    {
        var plain = new byte[e.Ciphertext.Length];
        aes.Decrypt(e.Nonce, e.Ciphertext, e.Tag, plain, campaignId.ToByteArray());
        var length = BinaryPrimitives.ReadInt32LittleEndian(plain);
        return JsonSerializer.Deserialize<Ballot>(plain.AsSpan(4, length)) ?? throw new InvalidOperationException("Empty ballot.");
    }

    /// <summary>
    /// Opens every envelope of a campaign that is being closed, writes the answers in random order and deletes the
    /// envelopes, all in the caller's transaction. Call <see cref="DestroyKey"/> after the transaction commits.
    /// </summary>
    public async Task<int> UnsealAsync(AppDbContext db, Guid campaignId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var envelopes = await db.Envelopes.Where(e => e.CampaignId == campaignId).ToListAsync(ct);
        if (envelopes.Count == 0)
        {
            return 0;
        }

        var key = ReadKey(campaignId);
        var ballots = new List<Ballot>(envelopes.Count);
        try
        {
            using var aes = new AesGcm(key, AesGcm.TagByteSizes.MaxSize);
            ballots.AddRange(envelopes.Select(e => Open(aes, campaignId, e)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        Shuffle(ballots);
        foreach (var b in ballots)
        {
            db.ResponseSets.Add(new ResponseSet(Ids.New(), campaignId, b.LeafUnitId, b.Demographics, b.Values));
        }

        // Comments are shuffled separately from answer sets, so their order cannot be joined to the scores either, and
        // each keeps only the smallest unit around its author with at least k_c authors on that question.
        var comments = ballots.SelectMany((b, author) => b.Comments.Select(c => (b.LeafUnitId, Author: author, c))).ToList();
        Shuffle(comments);
        var commentK = await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.KComments).SingleAsync(ct);
        var parentOf = await db.CampaignUnits.Where(u => u.CampaignId == campaignId)
            .ToDictionaryAsync(u => u.UnitId.ToString(), u => u.ParentUnitId?.ToString(), ct);
        var placed = Belonging.Core.Privacy.CommentPlacement.Place(parentOf, [.. comments.Select(x => (x.LeafUnitId.ToString(), x.c.ItemPosition, x.Author))], commentK);
        for (var i = 0; i < comments.Count; i++)
        {
            db.Comments.Add(new Comment(Ids.New(), campaignId, comments[i].c.ItemPosition, Guid.Parse(placed[i], System.Globalization.CultureInfo.InvariantCulture), comments[i].c.Text));
        }

        db.Envelopes.RemoveRange(envelopes);
        await db.SaveChangesAsync(ct);
        return ballots.Count;
    }

    /// <summary>Overwrites and deletes the campaign key file. Idempotent.</summary>
    public void DestroyKey(Guid campaignId)
    {
        var path = KeyPath(campaignId);
        if (!File.Exists(path))
        {
            return;
        }

        var length = (int)new FileInfo(path).Length;
        using (var fs = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        {
            fs.Write(RandomNumberGenerator.GetBytes(Math.Max(length, 32)));
            fs.Flush(flushToDisk: true);
        }

        File.Delete(path);
        BallotBoxLog.KeyDestroyed(logger, campaignId);
    }

    /// <summary>Fisher–Yates with the CSPRNG.</summary>
    public static void Shuffle<T>(IList<T> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = RandomNumberGenerator.GetInt32(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    /// <summary>SHA-256 of a link token; only the hash is stored.</summary>
    public static byte[] HashToken(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>A new single-use link token: 256 bits from the CSPRNG, URL-safe base64.</summary>
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal static partial class BallotBoxLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Destroyed the ballot-box key of campaign {CampaignId}")]
    public static partial void KeyDestroyed(ILogger logger, Guid campaignId);
}
