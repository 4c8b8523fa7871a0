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
//
// With --records true (the connection options are then ignored), it writes one session message whose document holds every kind of text record
// Microsoft's writer produces (typed values, arrays, base64, dictionary and qname texts, comments), prints it as
//   RECORDS new_strings=<n> len=<n> hex=<hex> xml="<the document as Microsoft's reader reads it, as text XML>"
// and exits, so that a test compares our reader's reading of the same bytes with Microsoft's.
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
		var records = false;
		try
		{
			var rest = new List<string>();
			for (var i = 0; i < args.Length; i++)
			{
				if (args[i] == "--static-dictionary" && i + 1 < args.Length)
				{
					dictionaryFile = args[++i];
				}
				else if (args[i] == "--records" && i + 1 < args.Length)
				{
					records = args[++i] == "true";
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
			if (records)
			{
				return NnsClient.RunReporting(() =>
				{
					LoadStaticDictionary(dictionaryFile);
					Records();
				});
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
			LoadStaticDictionary(dictionaryFile);
			var to = options.Via ?? ("net.tcp://" + options.Host + ":" + options.Port + "/");
			NnsClient.Authenticate(options, (nego) => RunSession(nego, to, calls));
		});
	}

	static void LoadStaticDictionary(string file)
	{
		staticDictionary = new XmlDictionary();
		var lines = File.ReadAllLines(file, new UTF8Encoding(false, true));
		foreach (var line in lines)
		{
			staticDictionary.Add(line);
		}
		NnsClient.Out("STATIC_DICTIONARY strings=" + lines.Length);
	}

	static void Records()
	{
		var plain = new MemoryStream();
		using (var w = XmlDictionaryWriter.CreateBinaryWriter(plain, staticDictionary, null, false))
		{
			WriteRecords(w);
		}
		NnsClient.Out("RECORDS_WITHOUT_SESSION len=" + plain.Length + " hex=" + NnsClient.Hex(plain.ToArray()));
		var body = new MemoryStream();
		writerSession.Added.Clear();
		using (var w = XmlDictionaryWriter.CreateBinaryWriter(body, staticDictionary, writerSession, false))
		{
			WriteRecords(w);
		}
		var added = new List<string>(writerSession.Added);
		var message = Frame(body, added);
		var text = new StringWriter();
		var reader = new XmlBinaryReaderSession();
		for (var i = 0; i < added.Count; i++)
		{
			reader.Add(i, added[i]);
		}
		var offset = message.Length - (int)body.Length;
		using (var r = XmlDictionaryReader.CreateBinaryReader(message, offset, message.Length - offset,
			staticDictionary, XmlDictionaryReaderQuotas.Max, reader))
		using (var xml = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true }))
		{
			r.MoveToContent();
			xml.WriteNode(r, true);
		}
		NnsClient.Out("RECORDS new_strings=" + added.Count + " len=" + message.Length + " hex=" + NnsClient.Hex(message)
			+ " xml=" + NnsClient.Json(text.ToString()));
	}

	// Every kind of text record the writer produces, in one document.
	static void WriteRecords(XmlDictionaryWriter w)
	{
		const string ns = "urn:example:records";
		w.WriteStartElement("r", D("Records"), D(ns));
		w.WriteXmlnsAttribute("s", D(SoapNs));
		w.WriteStartAttribute("count");
		w.WriteValue(42L);
		w.WriteEndAttribute();
		w.WriteStartAttribute("flag");
		w.WriteValue(false);
		w.WriteEndAttribute();
		Typed(w, "zero", 0);
		Typed(w, "one", 1);
		Typed(w, "int8", -128);
		Typed(w, "int16", 30000);
		Typed(w, "int32", -2000000000);
		Typed(w, "int64", 9000000000000000000L);
		Typed(w, "uint64", 18000000000000000000UL);
		Typed(w, "true", true);
		Typed(w, "false", false);
		Typed(w, "float", 1.5f);
		Typed(w, "floatFraction", 0.1f);
		Typed(w, "double", Math.PI);
		Typed(w, "doubleWhole", 1e20);
		Typed(w, "doubleSmall", 1e-7);
		Typed(w, "nan", double.NaN);
		Typed(w, "infinity", double.PositiveInfinity);
		Typed(w, "negativeInfinity", double.NegativeInfinity);
		Typed(w, "negativeZero", -0.0);
		Typed(w, "decimal", -1234.5678m);
		Typed(w, "decimalWhole", 79228162514264337593543950335m);
		Typed(w, "dateUtc", new DateTime(2026, 12, 7, 1, 2, 3, DateTimeKind.Utc).AddTicks(1234567));
		Typed(w, "dateUnspecified", new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Unspecified));
		Typed(w, "dateMidnight", new DateTime(1999, 12, 31, 0, 0, 0, DateTimeKind.Utc));
		Typed(w, "timespan", new TimeSpan(1, 2, 3, 4, 5).Negate());
		Typed(w, "timespanZero", TimeSpan.Zero);
		Typed(w, "guid", new Guid("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"));
		Typed(w, "uniqueId", new UniqueId(new Guid("00112233-4455-6677-8899-aabbccddeeff")));
		Typed(w, "uniqueIdString", new UniqueId("uuid:not-a-guid;id=1"));
		var bytes = new byte[300];
		for (var i = 0; i < bytes.Length; i++)
		{
			bytes[i] = (byte)i;
		}
		w.WriteStartElement(D("bytes8"), D(ns));
		w.WriteBase64(bytes, 0, 5);
		w.WriteEndElement();
		w.WriteStartElement(D("bytes16"), D(ns));
		w.WriteBase64(bytes, 0, 300);
		w.WriteEndElement();
		w.WriteStartElement(D("emptyBytes"), D(ns));
		w.WriteBase64(bytes, 0, 0);
		w.WriteEndElement();
		w.WriteStartElement(D("chars16"), D(ns));
		w.WriteString(new string('x', 300) + "\u00e9\u4e2d\ud83c\udf89");
		w.WriteEndElement();
		w.WriteStartElement(D("empty"), D(ns));
		w.WriteString("");
		w.WriteEndElement();
		w.WriteStartElement(D("staticText"), D(ns));
		w.WriteString(D("Envelope"));
		w.WriteEndElement();
		w.WriteStartElement(D("sessionText"), D(ns));
		w.WriteString(D("urn:example:a-session-string"));
		w.WriteEndElement();
		w.WriteStartElement(D("qname"), D(ns));
		w.WriteQualifiedName(D("Sender"), D(SoapNs));
		w.WriteEndElement();
		w.WriteStartElement(D("mixed"), D(ns));
		w.WriteString("a");
		w.WriteValue(7);
		w.WriteString("b");
		w.WriteComment(" a comment ");
		w.WriteEndElement();
		w.WriteStartElement("p", "prefixed", "urn:example:inline");
		w.WriteAttributeString("p", "attribute", "urn:example:inline", "inline names");
		w.WriteAttributeString("xml", "lang", null, "de-CH");
		w.WriteString("x");
		w.WriteEndElement();
		w.WriteArray(null, D("ints"), D(ns), new int[] { 1, -2, 300000 }, 0, 3);
		w.WriteArray(null, D("shorts"), D(ns), new short[] { 1, -32768 }, 0, 2);
		w.WriteArray(null, D("longs"), D(ns), new long[] { long.MinValue, 0 }, 0, 2);
		w.WriteArray(null, D("bools"), D(ns), new bool[] { true, false, true }, 0, 3);
		w.WriteArray(null, D("floats"), D(ns), new float[] { 0.25f, -1e10f }, 0, 2);
		w.WriteArray(null, D("doubles"), D(ns), new double[] { 2.5, -0.1 }, 0, 2);
		w.WriteArray(null, D("decimals"), D(ns), new decimal[] { 1.1m, -0.000001m }, 0, 2);
		w.WriteArray(null, D("dates"), D(ns), new DateTime[] { new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc) }, 0, 1);
		w.WriteArray(null, D("guids"), D(ns), new Guid[] { new Guid("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0") }, 0, 1);
		w.WriteArray(null, D("timespans"), D(ns), new TimeSpan[] { TimeSpan.FromTicks(1) }, 0, 1);
		w.WriteEndElement();
		w.Flush();
	}

	static void Typed(XmlDictionaryWriter w, string name, object value)
	{
		w.WriteStartElement(D(name), D("urn:example:records"));
		w.WriteValue(value);
		w.WriteEndElement();
	}

	// The [MC-NBFSE] string table of the strings a message added, then the document.
	static byte[] Frame(MemoryStream body, List<string> added)
	{
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
		return message.ToArray();
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
		var result = Frame(body, added);
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
