package org.negotiatetcp.soap.binary;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import org.negotiatetcp.testsupport.DotnetNegotiateStreamPeer;
import org.negotiatetcp.testsupport.PeerTranscript;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of text record Microsoft's binary XML writer produces (.NET Core 2.0's
 * {@code XmlDictionaryWriter.CreateBinaryWriter} with a writer session: typed numbers, floats and their special
 * values, decimal, dates, time spans, GUIDs and unique ids, base64, arrays of each type, static and session
 * dictionary texts, a qname, comments, inline prefixes and {@code xml:lang}) read by our reader gives what Microsoft's
 * own reader gives: element by element, the same names, attributes and texts (floating point compared as numbers,
 * since {@code 1E+20} and {@code 1.0E20} are the same {@code xs:double}).
 */
@Tag("interop")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class MicrosoftBinaryXmlRecordsTests {

	private static final Set<String> FLOATING = Set.of("float", "floatFraction", "double", "doubleWhole",
			"doubleSmall", "floats", "doubles");

	@Test
	void ourReaderReadsEveryRecordOfMicrosoftsWriterAsMicrosoftsReaderDoes(@TempDir Path work) throws Exception {
		Assumptions.assumeTrue(DotnetNegotiateStreamPeer.isAvailable(), DotnetNegotiateStreamPeer::unavailableReason);
		Path dictionary = Files.writeString(work.resolve("nbfs-static-dictionary.txt"),
				String.join("\n", StaticDictionary.nbfs().strings()) + "\n", StandardCharsets.UTF_8);
		PeerTranscript run = DotnetNegotiateStreamPeer.client()
			.program("BinarySoapClient", List.of("peers/dotnet/BinarySoapClient.cs"),
					List.of("System.Runtime.Serialization.Xml", "System.Runtime.Serialization.Primitives",
							"System.Xml.ReaderWriter", "System.Private.Xml", "System.Private.DataContractSerialization",
							"System.IO.FileSystem"))
			.name("dotnet-binary-records")
			.argument("--static-dictionary", dictionary.toString())
			.argument("--records", "true")
			// no connection is made in this mode
			.run("127.0.0.1", 1)
			.requireSuccess();
		Map<String, String> records = run.event("RECORDS");
		byte[] message = HexFormat.of().parseHex(records.get("hex"));
		byte[] withoutSession = HexFormat.of().parseHex(run.event("RECORDS_WITHOUT_SESSION").get("hex"));
		String recordDir = System.getProperty("negotiate.record.corpus");
		if (recordDir != null && !recordDir.isBlank()) {
			Path directory = Files.createDirectories(Path.of(recordDir));
			Files.write(directory.resolve("microsoft-writer-records-session"), message);
			Files.write(directory.resolve("microsoft-writer-records"), withoutSession);
		}

		BinaryXmlSession session = new BinaryXmlSession(BinaryXmlQuotas.DEFAULTS.withMaxStringContentLength(65536));
		Element ours = BinaryXmlDom.read(session.newReader(message)).getDocumentElement();
		assertThat(session.receivedDictionary().count()).isEqualTo(Integer.parseInt(records.get("new_strings")));
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		Element microsofts = factory.newDocumentBuilder()
			.parse(new InputSource(new StringReader(records.get("xml"))))
			.getDocumentElement();

		assertThat(describe(ours)).isEqualTo(describe(microsofts));
		List<String> theirs = children(microsofts);
		assertThat(theirs).as("one entry per element and array item").hasSize(57);
		assertThat(children(ours)).hasSameSizeAs(theirs).containsExactlyElementsOf(theirs);
		// the same document without a writer session: names and texts inline, read with the static dictionary only
		Element plain = BinaryXmlDom.parse(withoutSession, BinaryXmlQuotas.DEFAULTS.withMaxStringContentLength(65536))
			.getDocumentElement();
		assertThat(children(plain)).containsExactlyElementsOf(theirs);
		// a few spelled out, so that a reader of this test sees what was compared
		assertThat(theirs).contains("{urn:example:records}dateUtc=2026-12-07T01:02:03.1234567Z",
				"{urn:example:records}timespan=-P1DT2H3M4.005S",
				"{urn:example:records}uniqueId=urn:uuid:00112233-4455-6677-8899-aabbccddeeff",
				"{urn:example:records}ints=1", "{urn:example:records}ints=-2", "{urn:example:records}ints=300000");
	}

	private static List<String> children(Element parent) {
		List<String> children = new ArrayList<>();
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element) {
				children.add(describe(element));
			}
		}
		return children;
	}

	private static String describe(Element element) {
		StringBuilder text = new StringBuilder("{").append(element.getNamespaceURI())
			.append('}')
			.append(element.getLocalName());
		NamedNodeMap attributes = element.getAttributes();
		List<String> names = new ArrayList<>();
		for (int i = 0; i < attributes.getLength(); i++) {
			Attr attribute = (Attr) attributes.item(i);
			if (!"http://www.w3.org/2000/xmlns/".equals(attribute.getNamespaceURI())) {
				names.add("@{" + attribute.getNamespaceURI() + "}" + attribute.getLocalName() + "="
						+ attribute.getValue());
			}
		}
		names.sort(null);
		names.forEach(text::append);
		if (element.getParentNode() instanceof Element) {
			String content = element.getTextContent();
			if (FLOATING.contains(element.getLocalName())) {
				content = normalize(content);
			}
			text.append('=').append(content);
		}
		return text.toString();
	}

	private static String normalize(String floating) {
		return switch (floating) {
			case "INF" -> "Infinity";
			case "-INF" -> "-Infinity";
			default -> Double.toString(Double.parseDouble(floating));
		};
	}

}
