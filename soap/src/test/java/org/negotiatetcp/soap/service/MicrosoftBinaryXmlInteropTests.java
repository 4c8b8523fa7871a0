package org.negotiatetcp.soap.service;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.channel.ChannelLimits;
import org.negotiatetcp.channel.DisposableNegotiateServer;
import org.negotiatetcp.channel.NegotiateServer;
import org.negotiatetcp.channel.ServerSettings;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.security.SecurityInfo;
import org.negotiatetcp.soap.ReceivedEnvelope;
import org.negotiatetcp.soap.Soap12;
import org.negotiatetcp.soap.SoapEnvelopeReader;
import org.negotiatetcp.soap.binary.BinaryXmlDom;
import org.negotiatetcp.soap.binary.BinaryXmlSession;
import org.negotiatetcp.soap.binary.BinaryXmlStreamReader;
import org.negotiatetcp.soap.binary.StaticDictionary;
import org.negotiatetcp.testsupport.DotnetNegotiateStreamPeer;
import org.negotiatetcp.testsupport.JdkKerberos;
import org.negotiatetcp.testsupport.MitKdc;
import org.negotiatetcp.testsupport.PeerMode;
import org.negotiatetcp.testsupport.PeerRealm;
import org.negotiatetcp.testsupport.PeerTranscript;
import org.negotiatetcp.testsupport.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Microsoft's own binary XML writer and reader against our SOAP service, over Microsoft's NegotiateStream with
 * Kerberos from a real MIT KDC: {@code peers/dotnet/BinarySoapClient.cs} on the .NET Core 2.0 runtime writes each
 * request with {@code XmlDictionaryWriter.CreateBinaryWriter(stream, dictionary, XmlBinaryWriterSession)} (the
 * dictionary filled with our [MC-NBFS] table in order, the [MC-NBFSE] string table from the writer session's new
 * strings, as WCF's binary session encoder does) and reads our replies with
 * {@code XmlDictionaryReader.CreateBinaryReader(..., XmlBinaryReaderSession)}, printing them as text XML. One session
 * carries several calls, so the session strings of the first message are reused by later ones in both directions.
 * <p>
 * With {@code -Dnegotiate.record.corpus=<folder>} the test also writes the messages Microsoft's writer sent there
 * and our replies (one file each, the fuzz corpus seeds {@code microsoft-writer-*} and {@code our-writer-reply-*}).
 */
@Tag("interop")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class MicrosoftBinaryXmlInteropTests {

	private static final String NS = "http://example.org/calculator";

	private static final List<String> ASSEMBLIES = List.of("System.Runtime.Serialization.Xml",
			"System.Runtime.Serialization.Primitives", "System.Xml.ReaderWriter", "System.Private.Xml",
			"System.Private.DataContractSerialization", "System.IO.FileSystem");

	@AutoClose
	private static PeerRealm realm;

	private final List<SecurityInfo> sessions = new CopyOnWriteArrayList<>();

	private DisposableNegotiateServer server;

	@BeforeAll
	static void startRealm() {
		if (MitKdc.isAvailable() && DotnetNegotiateStreamPeer.isAvailable()) {
			realm = PeerRealm.start();
		}
	}

	@BeforeEach
	void startServer() {
		Assumptions.assumeTrue(MitKdc.isAvailable(), MitKdc::unavailableReason);
		Assumptions.assumeTrue(DotnetNegotiateStreamPeer.isAvailable(), DotnetNegotiateStreamPeer::unavailableReason);
		JdkKerberos.useKrb5Conf(realm.kdc());
		SoapServiceHandler handler = SoapServiceHandler.builder().service(new CalculatorService()).build();
		ServerSettings settings = new ServerSettings(ChannelMode.NET_TCP, Set.of("/calculator"),
				TestServer.kerberosAcceptor(realm.keytab(), "host/localhost@EXAMPLE.TEST",
						ProtectionLevel.ENCRYPT_AND_SIGN),
				ChannelLimits.DEFAULTS);
		this.server = NegotiateServer.create(settings, (channel) -> {
			this.sessions.add(channel.securityInfo());
			return handler.handle(channel);
		}).host("127.0.0.1").port(0).bindNow();
	}

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.disposeNow(Duration.ofSeconds(10));
		}
	}

	@Test
	void microsoftsWriterCallsOurServiceAndMicrosoftsReaderReadsOurRepliesInOneSession(@TempDir Path work)
			throws Exception {
		String to = "net.tcp://localhost:" + this.server.address().getPort() + "/calculator";
		PeerTranscript client = DotnetNegotiateStreamPeer.client()
			.program("BinarySoapClient", List.of("peers/dotnet/BinarySoapClient.cs"), ASSEMBLIES)
			.name("dotnet-binary-soap")
			.mode(PeerMode.NETTCP)
			.environment(realm.kdc().env())
			.ccache(realm.ccache())
			.via(to)
			.argument("--static-dictionary", staticDictionaryFile(work).toString())
			.argument("--call", "Add")
			.argument("--call", "Echo")
			.argument("--call", "Add")
			.argument("--call", "Price")
			.argument("--call", "Refuse")
			.argument("--call", "Note")
			.argument("--call", "Notes")
			.run("127.0.0.1", this.server.address().getPort())
			.requireSuccess();

		assertThat(client.event("STATIC_DICTIONARY")).containsEntry("strings", "487");
		assertThat(client.authenticated()).containsEntry("mutual", "true")
			.containsEntry("encrypted", "true")
			.containsEntry("type", "Kerberos");
		assertThat(this.sessions).singleElement()
			.satisfies((info) -> assertThat(info.peerName()).isEqualTo("alice@EXAMPLE.TEST"));

		List<Map<String, String>> sent = client.events("SOAP_SENT");
		List<Map<String, String>> replies = client.events("SOAP_RECEIVED");
		assertThat(sent).extracting((fields) -> fields.get("op"))
			.containsExactly("Add", "Echo", "Add", "Price", "Refuse", "Note", "Notes");
		assertThat(replies).hasSize(6);
		recordCorpus(sent, replies);

		assertMicrosoftsMessagesDecodeInOurReader(sent, to);
		assertMicrosoftsReaderReadOurReplies(sent, replies);
	}

	private void assertMicrosoftsMessagesDecodeInOurReader(List<Map<String, String>> sent, String to)
			throws Exception {
		// our reader, one session for the whole sequence: later messages refer to the first one's session strings
		BinaryXmlSession session = new BinaryXmlSession();
		List<Element> bodies = new ArrayList<>();
		for (Map<String, String> message : sent) {
			BinaryXmlStreamReader reader = session.newReader(HexFormat.of().parseHex(message.get("hex")));
			ReceivedEnvelope envelope = SoapEnvelopeReader.readHeaders(reader);
			assertThat(envelope.addressing().action()).isEqualTo(message.get("action"));
			assertThat(envelope.addressing().to()).isEqualTo(to);
			if (message.containsKey("messageId")) {
				assertThat(envelope.addressing().messageId()).isEqualTo(message.get("messageId"));
				assertThat(envelope.addressing().replyTo()).isEqualTo(Soap12.ANONYMOUS);
			}
			else {
				assertThat(envelope.addressing().messageId()).isNull();
			}
			bodies.add(BinaryXmlDom.readElement(reader));
		}
		assertThat(Integer.parseInt(sent.get(0).get("new_strings"))).as("first message's session strings")
			.isGreaterThanOrEqualTo(4);
		assertThat(sent.get(2).get("new_strings")).as("the second Add reuses the session's strings").isEqualTo("0");
		assertThat(session.receivedDictionary().idOf(NS)).as("a session id: odd").isPositive().isOdd();
		assertThat(session.receivedDictionary().count()).isEqualTo(sent.stream()
			.mapToInt((message) -> Integer.parseInt(message.get("new_strings")))
			.sum());

		Element add = bodies.get(0);
		assertThat(add.getNamespaceURI()).isEqualTo(NS);
		assertThat(add.getLocalName()).isEqualTo("Add");
		assertThat(child(add, NS, "a").getTextContent()).isEqualTo("2");
		assertThat(child(add, NS, "b").getTextContent()).isEqualTo("3");
		assertThat(child(bodies.get(1), NS, "text").getTextContent())
			.isEqualTo("grüße <&> \uD83C\uDF89 from Microsoft's writer");
		Element order = child(bodies.get(3), NS, "order");
		assertThat(child(order, Order.NS, "Id").getTextContent()).isEqualTo("41");
		assertThat(child(order, Order.NS, "Item").getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "nil"))
			.isEqualTo("true");
		assertThat(child(order, Order.NS, "Total").getTextContent()).isEqualTo("12.50");
		assertThat(child(bodies.get(3), NS, "rate").getTextContent()).isEqualTo("2.5");
		assertThat(child(bodies.get(5), NS, "note").getTextContent()).isEqualTo("noted by Microsoft's writer");
	}

	private void assertMicrosoftsReaderReadOurReplies(List<Map<String, String>> sent,
			List<Map<String, String>> replies) throws Exception {
		List<Map<String, String>> twoWay = sent.stream().filter((message) -> message.containsKey("messageId")).toList();
		List<Document> documents = new ArrayList<>();
		for (int i = 0; i < replies.size(); i++) {
			Document reply = parse(replies.get(i).get("xml"));
			documents.add(reply);
			Element envelope = reply.getDocumentElement();
			assertThat(envelope.getNamespaceURI()).isEqualTo(Soap12.ENVELOPE_NS);
			assertThat(envelope.getLocalName()).isEqualTo("Envelope");
			Element header = child(envelope, Soap12.ENVELOPE_NS, "Header");
			assertThat(child(header, Soap12.ADDRESSING_NS, "RelatesTo").getTextContent())
				.isEqualTo(twoWay.get(i).get("messageId"));
		}
		assertThat(action(documents.get(0))).isEqualTo(NS + "/ICalculator/AddResponse");
		assertThat(result(documents.get(0), "AddResponse", "AddResult").getTextContent()).isEqualTo("5");
		assertThat(result(documents.get(1), "EchoResponse", "EchoResult").getTextContent())
			.isEqualTo("echo:grüße <&> \uD83C\uDF89 from Microsoft's writer");
		assertThat(result(documents.get(2), "AddResponse", "AddResult").getTextContent()).isEqualTo("5");
		Element priced = result(documents.get(3), "PriceResponse", "PriceResult");
		assertThat(child(priced, Order.NS, "Id").getTextContent()).isEqualTo("42");
		assertThat(child(priced, Order.NS, "Item").getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "nil"))
			.isEqualTo("true");
		assertThat(new java.math.BigDecimal(child(priced, Order.NS, "Total").getTextContent()))
			.isEqualByComparingTo("31.25");
		Document fault = documents.get(4);
		assertThat(action(fault)).isEqualTo(Soap12.FAULT_ACTION);
		Element faultElement = child(body(fault), Soap12.ENVELOPE_NS, "Fault");
		assertThat(faultElement.getTextContent()).contains("Refused: no stock");
		assertThat(faultElement.getElementsByTagNameNS(Order.NS, "StockFault").getLength()).isOne();
		assertThat(result(documents.get(5), "NotesResponse", "NotesResult").getTextContent())
			.isEqualTo("noted by Microsoft's writer");
		assertThat(Integer.parseInt(replies.get(0).get("new_strings"))).as("our first reply's session strings")
			.isPositive();
		assertThat(replies.get(2).get("new_strings")).as("our second Add reply reuses the session's strings")
			.isEqualTo("0");
	}

	private static Path staticDictionaryFile(Path work) throws IOException {
		// generated from our own table, so that Microsoft's XmlDictionary gets the same ids as our StaticDictionary
		return Files.writeString(work.resolve("nbfs-static-dictionary.txt"),
				String.join("\n", StaticDictionary.nbfs().strings()) + "\n", StandardCharsets.UTF_8);
	}

	private static void recordCorpus(List<Map<String, String>> sent, List<Map<String, String>> replies)
			throws IOException {
		String folder = System.getProperty("negotiate.record.corpus");
		if (folder == null || folder.isBlank()) {
			return;
		}
		Path directory = Files.createDirectories(Path.of(folder));
		for (int i = 0; i < sent.size(); i++) {
			Files.write(directory.resolve("microsoft-writer-" + (i + 1) + "-" + sent.get(i).get("op").toLowerCase()),
					HexFormat.of().parseHex(sent.get(i).get("hex")));
		}
		for (int i = 0; i < replies.size(); i++) {
			Files.write(directory.resolve("our-writer-reply-" + (i + 1)), HexFormat.of().parseHex(replies.get(i).get("hex")));
		}
	}

	private static Document parse(String xml) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
	}

	private static String action(Document document) {
		Element header = child(document.getDocumentElement(), Soap12.ENVELOPE_NS, "Header");
		return child(header, Soap12.ADDRESSING_NS, "Action").getTextContent();
	}

	private static Element body(Document document) {
		return child(document.getDocumentElement(), Soap12.ENVELOPE_NS, "Body");
	}

	private static Element result(Document document, String response, String result) {
		return child(child(body(document), NS, response), NS, result);
	}

	private static Element child(Element parent, String namespace, String name) {
		for (org.w3c.dom.Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && namespace.equals(element.getNamespaceURI())
					&& name.equals(element.getLocalName())) {
				return element;
			}
		}
		throw new AssertionError("No " + name + " in " + parent.getLocalName());
	}

}
