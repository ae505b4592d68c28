[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("TestHarness.Tests")]
