namespace TestHarness.Mail;

/// <summary>
/// Planted story "find that email I lost": an IEEE reviewer-panel invitation from a person at ieee.org, with two
/// unread follow-ups in the same thread, all filed in a forgotten subfolder.
/// </summary>
public sealed class IeeeInvitationStory
{
    internal IeeeInvitationStory(GeneratedMessage invitation, IReadOnlyList<GeneratedMessage> followUps)
    {
        Invitation = invitation;
        FollowUps = followUps;
    }

    /// <summary>The folder the whole thread sits in ("Archive/Old/Misc").</summary>
    public string Folder => Invitation.Folder;

    /// <summary>The invitation ("Invitation to join the IEEE … Reviewer Panel").</summary>
    public GeneratedMessage Invitation { get; }

    /// <summary>The follow-ups, oldest first; the owner never opened them.</summary>
    public IReadOnlyList<GeneratedMessage> FollowUps { get; }

    /// <summary>The invitation and its follow-ups, oldest first.</summary>
    public IReadOnlyList<GeneratedMessage> Thread => [Invitation, .. FollowUps];
}
