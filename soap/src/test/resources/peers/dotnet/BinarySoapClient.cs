// A WCF-style net.tcp client whose SOAP messages are written and read by Microsoft's own binary XML writer and reader
// (System.Runtime.Serialization.Xml of the .NET Core 2.0.0 runtime), for the Negotiate TCP soap interop tests.
//
// Compiled together with core's NnsClient.cs (mcs -main:BinarySoapClient; org.negotiatetcp.testsupport
// .DotnetNegotiateStreamPeer does it), which connects, writes the [MC-NMF] preamble and upgrade request, wraps the
// socket in Microsoft's NegotiateStream (Kerberos, EncryptAndSign) and frames SizedEnvelope records. This program
// writes what WCF's binary session encoder (application/soap+msbinsession1) writes in each envelope:
//   - the [MC-NBFSE] string table of the strings this message added to the session: its size as a MultiByteInt31,
//     then each string as a MultiByteInt31 length and UTF-8 bytes; the ids are the XmlBinaryWriterSession's;
//   - the [MC-NBFX] document from XmlDictionaryWriter.CreateBinaryWriter(stream, dictionary, session), where the
//     dictionary holds the [MC-NBFS] static strings in the spec's order (file given by --static-dictionary, one
//     string a line) so that their ids are the spec's.
// Replies are read with XmlDictionaryReader.CreateBinaryReader(..., XmlBinaryReaderSession) after the reply's string
// table was added to the reader session. Output, besides NnsClient's lines:
//   STATIC_DICTIONARY strings=<n>
//   SESSION_STRING dir=sent id=<odd wire id> value="..."      (each string a sent message adds, before its SOAP_SENT)
//   SOAP_SENT op=<name> action="..." messageId="..." new_strings=<n> len=<n> hex=<hex>
//   SESSION_STRING dir=received id=<odd wire id> value="..."  (each string of a reply's table, before SOAP_RECEIVED)
//   SOAP_RECEIVED new_strings=<n> len=<n> hex=<hex> xml="<the reply as read, written out as text XML>"
// The calls (operation names of the test's ICalculator contract) are given with --call <name>.
using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Security;
using System.Text;
using System.Xml;

public static class BinarySoapClient
{
	const string SoapNs = "http://www.w3.org/2003/05/soap-envelope";
	const string AddressingNs = "http://www.w3.org/2005/08/addressing";
	const string Anonymous = "http://www.w3.org/2005/08/addressing/anonymous";
	const string XsiNs = "http://www.w3.org/2001/XMLSchema-instance";
	const string ContractNs = "http://example.org/calculator";
	const string ShopNs = "http://schemas.datacontract.org/2004/07/Shop";

	// A writer session that remembers the strings each message adds, as WCF's encoder does for the string table.
	sealed class RecordingWriterSession : XmlBinaryWriterSession
	{
		public readonly List<string> Added = new List<string>();

		public override bool TryAdd(XmlDictionaryString value, out int key)
		{
			if (!base.TryAdd(value, out key))
			{
				return false;
			}
			if (key != Added.Count + Total)
			{
				throw new InvalidOperationException("session id " + key + " out of order");
			}
			Added.Add(value.Value);
			return true;
		}

		public int Total;
	}

	static XmlDictionary staticDictionary;

	// Names and texts that are not static strings come from this dictionary: the writer session gives them ids.
	static readonly XmlDictionary names = new XmlDictionary();

	static readonly RecordingWriterSession writerSession = new RecordingWriterSession();

	static readonly XmlBinaryReaderSession readerSession = new XmlBinaryReaderSession();

	static int readerSessionCount;

	public static int Main(string[] args)
	{
		NnsClient.Options options;
		var calls = new List<string>();
		string dictionaryFile = null;
		try
		{
			var rest = new List<string>();
			for (var i = 0; i < args.Length; i++)
			{
				if (args[i] == "--static-dictionary" && i + 1 < args.Length)
				{
					dictionaryFile = args[++i];
				}
				else if (args[i] == "--call" && i + 1 < args.Length)
				{
					calls.Add(args[++i]);
				}
				else
				{
					rest.Add(args[i]);
				}
			}
			if (dictionaryFile == null)
			{
				throw new ArgumentException("--static-dictionary is required");
			}
			options = NnsClient.Parse(rest.ToArray());
			if (options.Mode != "nettcp")
			{
				throw new ArgumentException("--mode must be nettcp");
			}
		}
		catch (Exception ex)
		{
			NnsClient.Out("ERROR usage: " + ex.Message);
			return 2;
		}
		return NnsClient.RunReporting(() =>
		{
			staticDictionary = new XmlDictionary();
			var lines = File.ReadAllLines(dictionaryFile, new UTF8Encoding(false, true));
			foreach (var line in lines)
			{
				staticDictionary.Add(line);
			}
			NnsClient.Out("STATIC_DICTIONARY strings=" + lines.Length);
			var to = options.Via ?? ("net.tcp://" + options.Host + ":" + options.Port + "/");
			NnsClient.Authenticate(options, (nego) => RunSession(nego, to, calls));
		});
	}

	static void RunSession(NegotiateStream stream, string to, List<string> calls)
	{
		NnsClient.StartNetTcpSession(stream);
		foreach (var call in calls)
		{
			var oneWay = call == "Note";
			NnsClient.WriteSizedEnvelope(stream, Request(call, to, !oneWay));
			if (!oneWay)
			{
				ReadReply(NnsClient.ReadSizedEnvelope(stream));
			}
		}
		NnsClient.EndNetTcpSession(stream);
	}

	// A static string when the [MC-NBFS] table holds it, else a string of the session-side dictionary.
	static XmlDictionaryString D(string value)
	{
		XmlDictionaryString result;
		if (staticDictionary.TryLookup(value, out result))
		{
			return result;
		}
		return names.Add(value);
	}

	static byte[] Request(string call, string to, bool twoWay)
	{
		var action = ContractNs + "/ICalculator/" + call;
		var messageId = new UniqueId(Guid.NewGuid());
		var body = new MemoryStream();
		writerSession.Added.Clear();
		using (var w = XmlDictionaryWriter.CreateBinaryWriter(body, staticDictionary, writerSession, false))
		{
			w.WriteStartElement("s", D("Envelope"), D(SoapNs));
			w.WriteXmlnsAttribute("a", D(AddressingNs));
			w.WriteStartElement("s", D("Header"), D(SoapNs));
			w.WriteStartElement("a", D("Action"), D(AddressingNs));
			MustUnderstand(w);
			w.WriteString(D(action));
			w.WriteEndElement();
			if (twoWay)
			{
				w.WriteStartElement("a", D("MessageID"), D(AddressingNs));
				w.WriteValue(messageId);
				w.WriteEndElement();
				w.WriteStartElement("a", D("ReplyTo"), D(AddressingNs));
				w.WriteStartElement("a", D("Address"), D(AddressingNs));
				w.WriteString(D(Anonymous));
				w.WriteEndElement();
				w.WriteEndElement();
			}
			w.WriteStartElement("a", D("To"), D(AddressingNs));
			MustUnderstand(w);
			w.WriteString(to);
			w.WriteEndElement();
			w.WriteEndElement();
			w.WriteStartElement("s", D("Body"), D(SoapNs));
			WriteBody(w, call);
			w.WriteEndElement();
			w.WriteEndElement();
			w.Flush();
		}
		var added = new List<string>(writerSession.Added);
		for (var i = 0; i < added.Count; i++)
		{
			NnsClient.Out("SESSION_STRING dir=sent id=" + (2 * (writerSession.Total + i) + 1) + " value="
				+ NnsClient.Json(added[i]));
		}
		writerSession.Total += added.Count;
		var table = new MemoryStream();
		foreach (var value in added)
		{
			var bytes = Encoding.UTF8.GetBytes(value);
			NnsClient.WriteMbInt(table, bytes.Length);
			table.Write(bytes, 0, bytes.Length);
		}
		var message = new MemoryStream();
		NnsClient.WriteMbInt(message, (int)table.Length);
		table.WriteTo(message);
		body.WriteTo(message);
		var result = message.ToArray();
		NnsClient.Out("SOAP_SENT op=" + call + " action=" + NnsClient.Json(action)
			+ " messageId=" + NnsClient.Json(twoWay ? messageId.ToString() : null)
			+ " new_strings=" + added.Count + " len=" + result.Length + " hex=" + NnsClient.Hex(result));
		return result;
	}

	static void MustUnderstand(XmlDictionaryWriter w)
	{
		w.WriteStartAttribute("s", D("mustUnderstand"), D(SoapNs));
		w.WriteValue(1);
		w.WriteEndAttribute();
	}

	// The bodies as WCF's DataContractSerializer operation formatter writes them for the test's contract.
	static void WriteBody(XmlDictionaryWriter w, string call)
	{
		w.WriteStartElement(D(call), D(ContractNs));
		switch (call)
		{
			case "Add":
				Value(w, "a", 2);
				Value(w, "b", 3);
				break;
			case "Echo":
				w.WriteStartElement(D("text"), D(ContractNs));
				w.WriteString("gr\u00fc\u00dfe <&> \ud83c\udf89 from Microsoft's writer");
				w.WriteEndElement();
				break;
			case "Price":
				w.WriteStartElement(D("order"), D(ContractNs));
				w.WriteXmlnsAttribute("b", D(ShopNs));
				w.WriteXmlnsAttribute("i", D(XsiNs));
				w.WriteStartElement("b", D("Id"), D(ShopNs));
				w.WriteValue(41);
				w.WriteEndElement();
				w.WriteStartElement("b", D("Item"), D(ShopNs));
				w.WriteStartAttribute("i", D("nil"), D(XsiNs));
				w.WriteValue(true);
				w.WriteEndAttribute();
				w.WriteEndElement();
				w.WriteStartElement("b", D("Total"), D(ShopNs));
				w.WriteValue(12.50m);
				w.WriteEndElement();
				w.WriteEndElement();
				w.WriteStartElement(D("rate"), D(ContractNs));
				w.WriteValue(2.5m);
				w.WriteEndElement();
				break;
			case "Refuse":
				w.WriteStartElement(D("reason"), D(ContractNs));
				w.WriteString("no stock");
				w.WriteEndElement();
				break;
			case "Note":
				w.WriteStartElement(D("note"), D(ContractNs));
				w.WriteString(D("noted by Microsoft's writer"));
				w.WriteEndElement();
				break;
			case "Notes":
				break;
			default:
				throw new ArgumentException("unknown call " + call);
		}
		w.WriteEndElement();
	}

	static void Value(XmlDictionaryWriter w, string name, int value)
	{
		w.WriteStartElement(D(name), D(ContractNs));
		w.WriteValue(value);
		w.WriteEndElement();
	}

	static void ReadReply(byte[] message)
	{
		var offset = 0;
		var size = MbInt(message, ref offset);
		var end = offset + size;
		if (size < 0 || end > message.Length)
		{
			throw new IOException("string table of " + size + " bytes in a message of " + message.Length);
		}
		var added = new List<string>();
		while (offset < end)
		{
			var length = MbInt(message, ref offset);
			if (length < 0 || offset + length > end)
			{
				throw new IOException("session string runs past the string table");
			}
			var value = new UTF8Encoding(false, true).GetString(message, offset, length);
			offset += length;
			NnsClient.Out("SESSION_STRING dir=received id=" + (2 * readerSessionCount + 1) + " value="
				+ NnsClient.Json(value));
			readerSession.Add(readerSessionCount++, value);
			added.Add(value);
		}
		var text = new StringWriter();
		using (var reader = XmlDictionaryReader.CreateBinaryReader(message, offset, message.Length - offset,
			staticDictionary, XmlDictionaryReaderQuotas.Max, readerSession))
		using (var xml = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true }))
		{
			reader.MoveToContent();
			xml.WriteNode(reader, true);
		}
		NnsClient.Out("SOAP_RECEIVED new_strings=" + added.Count + " len=" + message.Length + " hex="
			+ NnsClient.Hex(message) + " xml=" + NnsClient.Json(text.ToString()));
	}

	static int MbInt(byte[] data, ref int offset)
	{
		long value = 0;
		for (var i = 0; i < 5 && offset < data.Length; i++)
		{
			var b = data[offset++];
			value |= (long)(b & 0x7F) << (7 * i);
			if ((b & 0x80) == 0)
			{
				return value > int.MaxValue ? -1 : (int)value;
			}
		}
		throw new IOException("invalid multi-byte int31");
	}
}
