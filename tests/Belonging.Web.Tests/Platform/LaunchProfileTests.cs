using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Belonging.Web.Tests.Platform;

/// <summary>Issue 10: <c>dotnet run</c> ignored <c>ASPNETCORE_URLS</c> because the launch profile set the URL itself.</summary>
public sealed class LaunchProfileTests
{
    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Belonging.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Belonging.slnx not found above the test output.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task DotnetRun_WithAspNetCoreUrls_ListensThere()
    {
        var root = RepositoryRoot();
        var port = FreePort();
        var data = Directory.CreateTempSubdirectory("belonging-launch-");
        // The web app was built beside this test project, in the same configuration (bin/<configuration>/net10.0/).
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var start = new ProcessStartInfo("dotnet", ["run", "--project", Path.Combine(root, "src", "Belonging.Web"), "--no-build", "--configuration", configuration])
        {
            WorkingDirectory = data.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Database__ConnectionString"] = $"Data Source={Path.Combine(data.FullName, "belonging.db")}";
        start.Environment["BallotBox__KeyDirectory"] = Path.Combine(data.FullName, "keys");
        start.Environment["Demo__Enabled"] = "false";
        using var app = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        app.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        app.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(5) };
            HttpResponseMessage? reply = null;
            for (var attempt = 0; attempt < 120 && reply is null && !app.HasExited; attempt++)
            {
                try
                {
                    reply = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/"), TestContext.Current.CancellationToken);
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(500, TestContext.Current.CancellationToken);
                }
            }

            string log;
            lock (output)
            {
                log = output.ToString();
            }

            Assert.True(reply is not null, $"nothing answered on port {port}; the app said:\n{log}");
        }
        finally
        {
            if (!app.HasExited)
            {
                app.Kill(entireProcessTree: true);
                await app.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            data.Delete(recursive: true);
        }
    }
}
