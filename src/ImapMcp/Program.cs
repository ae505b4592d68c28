// The imap-mcp entry point. The engine's verbs and the MCP server arrive with their issues.
Console.Error.WriteLine("imap-mcp: the engine and CLI are being built; nothing to run yet.");
return 2;
