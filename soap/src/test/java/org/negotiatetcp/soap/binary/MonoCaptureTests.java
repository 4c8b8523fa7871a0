package org.negotiatetcp.soap.binary;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden bytes no one here wrote: the {@code application/soap+msbinsession1} messages of Mono 6.8's WCF
 * ({@code NetTcpBinding}, {@code SecurityMode.None}) in {@code core/src/test/resources/captures/mono-wcf-nettcp-none.txt}:
 * the client's request {@code IEcho.Echo("hi")} and the service's reply, each the payload of an [MC-NMF] sized
 * envelope record, each starting with its [MC-NBFSE] string table.
 */
class MonoCaptureTests {

	private static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";

	private static final String WSA10 = "http://www.w3.org/2005/08/addressing";

	@Test
	void requestDecodesToTheEchoCallWithItsAddressingHeaders() throws Exception {
		BinaryXmlSession server = new BinaryXmlSession();
		byte[] request = envelopes(true).get(0);
		Document envelope = BinaryXmlDom.read(server.newReader(request));
		assertThat(server.receivedDictionary().count()).as("the request's string table: the parameter name").isOne();
		assertThat(server.receivedDictionary().get(1)).isEqualTo("s");

		Element root = envelope.getDocumentElement();
		assertThat(root.getNamespaceURI()).isEqualTo(SOAP12);
		assertThat(root.getLocalName()).isEqualTo("Envelope");
		Element header = child(root, SOAP12, "Header");
		Element action = child(header, WSA10, "Action");
		assertThat(action.getTextContent()).isEqualTo("urn:test/IEcho/Echo");
		assertThat(action.getAttributeNS(SOAP12, "mustUnderstand")).isEqualTo("1");
		assertThat(child(header, WSA10, "MessageID").getTextContent()).matches("urn:uuid:[0-9a-f-]{36}");
		assertThat(child(child(header, WSA10, "ReplyTo"), WSA10, "Address").getTextContent())
			.isEqualTo("http://www.w3.org/2005/08/addressing/anonymous");
		Element to = child(header, WSA10, "To");
		assertThat(to.getTextContent()).isEqualTo("net.tcp://localhost:58081/echo");
		assertThat(to.getAttributeNS(SOAP12, "mustUnderstand")).isEqualTo("1");
		Element echo = child(child(root, SOAP12, "Body"), "urn:test", "Echo");
		assertThat(child(echo, "urn:test", "s").getTextContent()).isEqualTo("hi");
	}

	@Test
	void replyRelatesToTheRequestAndCarriesTheResult() throws Exception {
		Document request = BinaryXmlDom.read(new BinaryXmlSession().newReader(envelopes(true).get(0)));
		BinaryXmlSession client = new BinaryXmlSession();
		Document reply = BinaryXmlDom.read(client.newReader(envelopes(false).get(0)));
		assertThat(client.receivedDictionary().get(1)).isEqualTo("EchoResult");

		Element header = child(reply.getDocumentElement(), SOAP12, "Header");
		assertThat(child(header, WSA10, "Action").getTextContent()).isEqualTo("urn:test/IEcho/EchoResponse");
		assertThat(child(header, WSA10, "RelatesTo").getTextContent()).isEqualTo(
				child(child(request.getDocumentElement(), SOAP12, "Header"), WSA10, "MessageID").getTextContent());
		Element response = child(child(reply.getDocumentElement(), SOAP12, "Body"), "urn:test", "EchoResponse");
		assertThat(child(response, "urn:test", "EchoResult").getTextContent()).isEqualTo("echo:hi");
	}

	@Test
	void requestReEncodedByOurWriterReadsBackToTheSameInfoset() throws Exception {
		byte[] request = envelopes(true).get(0);
		List<String> original = Infoset.infoset(new BinaryXmlSession().newReader(request));

		BinaryXmlSession ours = new BinaryXmlSession();
		BinaryXmlStreamWriter writer = ours.newWriter();
		Infoset.copy(new BinaryXmlSession().newReader(request), writer);
		byte[] encoded = writer.toByteArray();

		assertThat(Infoset.infoset(new BinaryXmlSession().newReader(encoded))).isEqualTo(original);
		assertThat(original).contains("text urn:test/IEcho/Echo", "text hi");
		assertThat(encoded.length).as("no larger than Mono's encoding").isLessThanOrEqualTo(request.length);
	}

	@Test
	void textEventsOfTheRequestAreWhatTheCaptureShows() throws Exception {
		XMLStreamReader reader = new BinaryXmlSession().newReader(envelopes(true).get(0));
		List<String> texts = new ArrayList<>();
		while (reader.hasNext()) {
			if (reader.next() == XMLStreamConstants.CHARACTERS) {
				texts.add(reader.getText());
			}
		}
		assertThat(texts).hasSize(5)
			.startsWith("urn:test/IEcho/Echo")
			.endsWith("net.tcp://localhost:58081/echo", "hi");
	}

	private static Element child(Element parent, String namespace, String localName) {
		for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && namespace.equals(element.getNamespaceURI())
					&& localName.equals(element.getLocalName())) {
				return element;
			}
		}
		throw new AssertionError("no {" + namespace + "}" + localName + " in " + parent.getNodeName());
	}

	/** The payloads of the sized envelope records (0x06) one side sent, after the [MC-NMF] preamble. */
	static List<byte[]> envelopes(boolean client) throws Exception {
		byte[] stream = direction(client);
		List<byte[]> envelopes = new ArrayList<>();
		int i = 0;
		while (i < stream.length) {
			int type = stream[i++] & 0xFF;
			switch (type) {
				case 0x00 -> i += 2; // version
				case 0x01, 0x03 -> i += 1; // mode, known encoding
				case 0x02, 0x04 -> { // via, extensible encoding
					int[] length = varint(stream, i);
					i = length[1] + length[0];
				}
				case 0x06 -> {
					int[] length = varint(stream, i);
					byte[] payload = new byte[length[0]];
					System.arraycopy(stream, length[1], payload, 0, length[0]);
					envelopes.add(payload);
					i = length[1] + length[0];
				}
				case 0x07, 0x0B, 0x0C -> {
				}
				default -> throw new IllegalStateException("unexpected [MC-NMF] record 0x" + Integer.toHexString(type));
			}
		}
		return envelopes;
	}

	private static int[] varint(byte[] bytes, int at) {
		int value = 0;
		int shift = 0;
		int i = at;
		while (true) {
			int b = bytes[i++] & 0xFF;
			value |= (b & 0x7F) << shift;
			shift += 7;
			if ((b & 0x80) == 0) {
				return new int[] { value, i };
			}
		}
	}

	/** The bytes of one direction of the tshark hex dump: unindented lines client to server, indented the reply. */
	private static byte[] direction(boolean client) throws Exception {
		Path root = Path.of(System.getProperty("project.root", ".."));
		Path capture = root.resolve("core/src/test/resources/captures/mono-wcf-nettcp-none.txt");
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (String line : Files.readAllLines(capture)) {
			if (line.startsWith("#") || line.isBlank() || line.startsWith("\t") != !client) {
				continue;
			}
			String hex = line.strip().substring(8, Math.min(line.strip().length(), 58)).strip();
			for (String octet : hex.split("\\s+")) {
				if (!octet.isEmpty()) {
					bytes.write(HexFormat.fromHexDigits(octet));
				}
			}
		}
		return bytes.toByteArray();
	}

}
