// A genuine .NET NegotiateStream client for the Negotiate TCP interop tests.
//
// Compiled with Mono's mcs against the assemblies of Microsoft's .NET Core 2.0.0 runtime and run by that runtime
// (org.negotiatetcp.testsupport.DotnetNegotiateStreamPeer does both). The NNS handshake, framing and GSSAPI calls
// are Microsoft's own System.Net.Security code; this program only picks the arguments and prints what happened,
// one event per line, in the same vocabulary as nns_peer.py:
//
//   CONNECTED <host> <port>
//   NMF_SENT <record> ... / NMF_RECV <record> ...      (nettcp mode)
//   AUTHENTICATED authenticated=.. mutual=.. encrypted=.. signed=.. impersonation=.. remote=".." type=".."
//   RECEIVED len=<n> hex=<hex> text=<json string or null>
//   DONE
//   ERROR <exception type>: <message>   (exit code 1; 2 for usage errors)
//
// Other peer programs compile this file with their own (mcs -main:<their class>) and reuse the connection, the
// net.tcp preamble, the NegotiateStream authentication and the SizedEnvelope records through the internal members
// (soap's BinarySoapClient.cs, which sends SOAP messages written by Microsoft's binary XML writer).
using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Principal;
using System.Text;

public static class NnsClient
{
	const byte NmfVersion = 0x00, NmfMode = 0x01, NmfVia = 0x02, NmfKnownEncoding = 0x03, NmfSizedEnvelope = 0x06,
		NmfEnd = 0x07, NmfFault = 0x08, NmfUpgradeRequest = 0x09, NmfUpgradeResponse = 0x0A, NmfPreambleAck = 0x0B,
		NmfPreambleEnd = 0x0C;

	internal sealed class Options
	{
		public string Host = "127.0.0.1";
		public int Port;
		public string Mode = "raw";
		public string Target = "host/localhost";
		public string User;
		public string Password = "";
		public string Domain = "";
		public string Via;
		public ProtectionLevel Protection = ProtectionLevel.EncryptAndSign;
		public TokenImpersonationLevel Impersonation = TokenImpersonationLevel.Identification;
		public int TimeoutMillis = 30000;
		public List<byte[]> Messages = new List<byte[]>();
	}

	public static int Main(string[] args)
	{
		Options options;
		try
		{
			options = Parse(args);
		}
		catch (Exception ex)
		{
			Out("ERROR usage: " + ex.Message);
			return 2;
		}
		return RunReporting(() => Run(options));
	}

	// Runs a client, then prints DONE (exit code 0), or the ERROR line with the exception chain (exit code 1).
	internal static int RunReporting(Action run)
	{
		try
		{
			run();
			Out("DONE");
			return 0;
		}
		catch (Exception ex)
		{
			var message = new StringBuilder();
			for (var current = ex; current != null; current = current.InnerException)
			{
				if (message.Length > 0)
				{
					message.Append(" <- ");
				}
				message.Append(current.GetType().FullName).Append(": ").Append(current.Message.Replace('\n', ' '));
			}
			Out("ERROR " + message);
			return 1;
		}
	}

	static void Run(Options options)
	{
		Authenticate(options, (nego) =>
		{
			if (options.Mode == "nettcp")
			{
				RunNetTcp(nego, options.Messages);
			}
			else
			{
				RunRaw(nego, options.Messages);
			}
		});
	}

	// Connects, writes the net.tcp preamble and upgrade request in nettcp mode, authenticates with NegotiateStream,
	// prints AUTHENTICATED and hands the authenticated stream to the session.
	internal static void Authenticate(Options options, Action<NegotiateStream> session)
	{
		using (var client = new TcpClient())
		{
			client.ConnectAsync(options.Host, options.Port).GetAwaiter().GetResult();
			client.NoDelay = true;
			Out("CONNECTED " + options.Host + " " + options.Port);
			var network = client.GetStream();
			network.ReadTimeout = options.TimeoutMillis;
			network.WriteTimeout = options.TimeoutMillis;
			if (options.Mode == "nettcp")
			{
				WritePreamble(network, options.Via ?? ("net.tcp://" + options.Host + ":" + options.Port + "/"));
			}
			using (var nego = new NegotiateStream(network, true))
			{
				var credential = options.User == null
					? CredentialCache.DefaultNetworkCredentials
					: new NetworkCredential(options.User, options.Password, options.Domain);
				nego.AuthenticateAsClient(credential, options.Target, options.Protection, options.Impersonation);
				Out("AUTHENTICATED authenticated=" + Bool(nego.IsAuthenticated)
					+ " mutual=" + Bool(nego.IsMutuallyAuthenticated)
					+ " encrypted=" + Bool(nego.IsEncrypted)
					+ " signed=" + Bool(nego.IsSigned)
					+ " impersonation=" + nego.ImpersonationLevel
					+ " remote=" + Json(nego.RemoteIdentity.Name)
					+ " type=" + Json(nego.RemoteIdentity.AuthenticationType));
				session(nego);
			}
		}
	}

	static void RunRaw(Stream stream, List<byte[]> messages)
	{
		foreach (var message in messages)
		{
			stream.Write(message, 0, message.Length);
			stream.Flush();
			var echo = ReadExact(stream, message.Length);
			Out("RECEIVED " + Describe(echo));
		}
	}

	static void WritePreamble(Stream network, string via)
	{
		var viaBytes = Encoding.UTF8.GetBytes(via);
		var preamble = new MemoryStream();
		preamble.Write(new byte[] { NmfVersion, 1, 0, NmfMode, 2, NmfVia }, 0, 6);
		WriteMbInt(preamble, viaBytes.Length);
		preamble.Write(viaBytes, 0, viaBytes.Length);
		preamble.Write(new byte[] { NmfKnownEncoding, 8 }, 0, 2);
		network.Write(preamble.ToArray(), 0, (int)preamble.Length);
		Out("NMF_SENT preamble via=" + via + " encoding=0x08");
		var upgrade = Encoding.UTF8.GetBytes("application/negotiate");
		var request = new MemoryStream();
		request.WriteByte(NmfUpgradeRequest);
		WriteMbInt(request, upgrade.Length);
		request.Write(upgrade, 0, upgrade.Length);
		network.Write(request.ToArray(), 0, (int)request.Length);
		Out("NMF_SENT upgrade_request application/negotiate");
		var response = ReadExact(network, 1)[0];
		Out("NMF_RECV upgrade_response 0x" + response.ToString("x2"));
		if (response != NmfUpgradeResponse)
		{
			throw new IOException("expected UpgradeResponse 0x0a, got 0x" + response.ToString("x2"));
		}
	}

	static void RunNetTcp(Stream stream, List<byte[]> messages)
	{
		StartNetTcpSession(stream);
		foreach (var message in messages)
		{
			WriteSizedEnvelope(stream, message);
			Out("RECEIVED " + Describe(ReadSizedEnvelope(stream)));
		}
		EndNetTcpSession(stream);
	}

	// PreambleEnd, then the server's PreambleAck.
	internal static void StartNetTcpSession(Stream stream)
	{
		stream.Write(new byte[] { NmfPreambleEnd }, 0, 1);
		Out("NMF_SENT preamble_end");
		var ack = ReadExact(stream, 1)[0];
		Out("NMF_RECV preamble_ack 0x" + ack.ToString("x2"));
		if (ack != NmfPreambleAck)
		{
			throw new IOException("expected PreambleAck 0x0b, got 0x" + ack.ToString("x2"));
		}
	}

	// One SizedEnvelope record (0x06, mbint length, bytes) in one write.
	internal static void WriteSizedEnvelope(Stream stream, byte[] message)
	{
		var record = new MemoryStream();
		record.WriteByte(NmfSizedEnvelope);
		WriteMbInt(record, message.Length);
		record.Write(message, 0, message.Length);
		stream.Write(record.ToArray(), 0, (int)record.Length);
		Out("NMF_SENT sized_envelope " + message.Length);
	}

	// The next record, which must be a SizedEnvelope of at most 64 MB; returns its bytes.
	internal static byte[] ReadSizedEnvelope(Stream stream)
	{
		var type = ReadExact(stream, 1)[0];
		if (type != NmfSizedEnvelope)
		{
			throw new IOException("expected SizedEnvelope 0x06, got 0x" + type.ToString("x2"));
		}
		var size = ReadMbInt(stream);
		if (size > 64 * 1024 * 1024)
		{
			throw new IOException("SizedEnvelope too large: " + size);
		}
		return ReadExact(stream, size);
	}

	// End, then the server's End.
	internal static void EndNetTcpSession(Stream stream)
	{
		stream.Write(new byte[] { NmfEnd }, 0, 1);
		Out("NMF_SENT end");
		var end = ReadExact(stream, 1)[0];
		Out("NMF_RECV end 0x" + end.ToString("x2"));
		if (end != NmfEnd)
		{
			throw new IOException("expected End 0x07, got 0x" + end.ToString("x2"));
		}
	}

	internal static void WriteMbInt(Stream stream, int value)
	{
		do
		{
			var b = value & 0x7F;
			value >>= 7;
			stream.WriteByte((byte)(value != 0 ? b | 0x80 : b));
		}
		while (value != 0);
	}

	internal static int ReadMbInt(Stream stream)
	{
		long value = 0;
		for (var i = 0; i < 5; i++)
		{
			var b = ReadExact(stream, 1)[0];
			value |= (long)(b & 0x7F) << (7 * i);
			if ((b & 0x80) == 0)
			{
				if (value > int.MaxValue)
				{
					break;
				}
				return (int)value;
			}
		}
		throw new IOException("invalid multi-byte int31");
	}

	internal static byte[] ReadExact(Stream stream, int count)
	{
		var buffer = new byte[count];
		var offset = 0;
		while (offset < count)
		{
			var read = stream.Read(buffer, offset, count - offset);
			if (read <= 0)
			{
				throw new EndOfStreamException("stream ended after " + offset + " of " + count + " bytes");
			}
			offset += read;
		}
		return buffer;
	}

	internal static string Describe(byte[] data)
	{
		string text;
		try
		{
			text = Json(new UTF8Encoding(false, true).GetString(data));
		}
		catch (DecoderFallbackException)
		{
			text = "null";
		}
		return "len=" + data.Length + " hex=" + Hex(data) + " text=" + text;
	}

	internal static string Hex(byte[] data)
	{
		var hex = new StringBuilder(data.Length * 2);
		foreach (var b in data)
		{
			hex.Append(b.ToString("x2"));
		}
		return hex.ToString();
	}

	internal static string Json(string value)
	{
		if (value == null)
		{
			return "null";
		}
		var json = new StringBuilder("\"");
		foreach (var c in value)
		{
			if (c == '"' || c == '\\')
			{
				json.Append('\\').Append(c);
			}
			else if (c < 0x20 || c > 0x7E)
			{
				json.Append("\\u").Append(((int)c).ToString("x4"));
			}
			else
			{
				json.Append(c);
			}
		}
		return json.Append('"').ToString();
	}

	static string Bool(bool value)
	{
		return value ? "true" : "false";
	}

	internal static void Out(string line)
	{
		Console.Out.WriteLine(line);
		Console.Out.Flush();
	}

	internal static byte[] FromHex(string hex)
	{
		if (hex.Length % 2 != 0)
		{
			throw new ArgumentException("odd hex length");
		}
		var bytes = new byte[hex.Length / 2];
		for (var i = 0; i < bytes.Length; i++)
		{
			bytes[i] = Convert.ToByte(hex.Substring(2 * i, 2), 16);
		}
		return bytes;
	}

	internal static Options Parse(string[] args)
	{
		var options = new Options();
		for (var i = 0; i < args.Length; i++)
		{
			var name = args[i];
			if (i + 1 >= args.Length)
			{
				throw new ArgumentException("missing value for " + name);
			}
			var value = args[++i];
			switch (name)
			{
				case "--host": options.Host = value; break;
				case "--port": options.Port = int.Parse(value); break;
				case "--mode":
					if (value != "raw" && value != "nettcp")
					{
						throw new ArgumentException("--mode must be raw or nettcp");
					}
					options.Mode = value;
					break;
				case "--target": options.Target = value; break;
				case "--user": options.User = value; break;
				case "--password": options.Password = value; break;
				case "--domain": options.Domain = value; break;
				case "--via": options.Via = value; break;
				case "--protection": options.Protection = (ProtectionLevel)Enum.Parse(typeof(ProtectionLevel), value, true); break;
				case "--impersonation": options.Impersonation = (TokenImpersonationLevel)Enum.Parse(typeof(TokenImpersonationLevel), value, true); break;
				case "--timeout-ms": options.TimeoutMillis = int.Parse(value); break;
				case "--message": options.Messages.Add(Encoding.UTF8.GetBytes(value)); break;
				case "--hex-message": options.Messages.Add(FromHex(value)); break;
				case "--pattern-message":
					var pattern = new byte[int.Parse(value)];
					for (var j = 0; j < pattern.Length; j++)
					{
						pattern[j] = (byte)(j % 251);
					}
					options.Messages.Add(pattern);
					break;
				default: throw new ArgumentException("unknown option " + name);
			}
		}
		if (options.Port <= 0)
		{
			throw new ArgumentException("--port is required");
		}
		return options;
	}
}
