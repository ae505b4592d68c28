namespace TestHarness.Mail;

/// <summary>
/// Planted story "draft a reply": a thread with Sarah about the Q3 budget review whose last message (unanswered,
/// in the last two weeks) proposes "Thursday at 2pm", plus an older decoy thread with her about the Q2 review.
/// </summary>
public sealed class BudgetThreadStory
{
    internal BudgetThreadStory(GeneratedAddress sarah, IReadOnlyList<GeneratedMessage> messages, IReadOnlyList<GeneratedMessage> decoy)
    {
        Sarah = sarah;
        Messages = messages;
        DecoyThread = decoy;
    }

    /// <summary>Sarah Chen's address.</summary>
    public GeneratedAddress Sarah { get; }

    /// <summary>The thread's subject, without "Re: ".</summary>
    public string Subject => "Q3 budget review";

    /// <summary>The meeting time Sarah proposes in her last message.</summary>
    public string ProposedMeeting => "Thursday at 2pm";

    /// <summary>The thread, oldest first: Sarah, the owner's reply (in Sent), Sarah's proposal.</summary>
    public IReadOnlyList<GeneratedMessage> Messages { get; }

    /// <summary>Sarah's last message, the one a reply must answer.</summary>
    public GeneratedMessage LastMessage => Messages[^1];

    /// <summary>An older thread with Sarah about the Q2 budget review ("Tuesday at 10am"), in Projects/Budget.</summary>
    public IReadOnlyList<GeneratedMessage> DecoyThread { get; }
}
