namespace ImapMcp.Mail.Query;

/// <summary>Automated versus human mail in a window, with the rules that decided.</summary>
public sealed record AutomationShare(int Total, int Automated, int Human, IReadOnlyList<RuleShare> ByRule)
{
    /// <summary>The automated share, 0..1.</summary>
    public double AutomatedFraction => Total == 0 ? 0 : (double)Automated / Total;
}
