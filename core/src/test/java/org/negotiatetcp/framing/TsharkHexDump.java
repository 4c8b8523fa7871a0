package org.negotiatetcp.framing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * A {@code tshark -z follow,tcp,hex} dump of one connection: unindented lines carry client-to-server bytes,
 * tab-indented lines server-to-client bytes, lines starting with {@code #} are comments. Each data line is an
 * 8-digit hex offset (counted per direction), two spaces, up to 16 hex bytes in two groups of 8, then the ASCII
 * column.
 *
 * @param clientToServer every byte the client sent
 * @param serverToClient every byte the server sent
 */
record TsharkHexDump(byte[] clientToServer, byte[] serverToClient) {

	private static final int HEX_START = 10;

	private static final int HEX_END = HEX_START + 49;

	/**
	 * Parse a dump file; offsets are checked against the bytes read so far in that direction.
	 */
	static TsharkHexDump parse(Path file) throws IOException {
		return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
	}

	/**
	 * Parse the lines of a dump.
	 */
	static TsharkHexDump parse(List<String> lines) {
		ByteArrayOutputStream client = new ByteArrayOutputStream();
		ByteArrayOutputStream server = new ByteArrayOutputStream();
		int lineNumber = 0;
		for (String line : lines) {
			lineNumber++;
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			boolean fromServer = line.startsWith("\t");
			String data = fromServer ? line.substring(1) : line;
			ByteArrayOutputStream direction = fromServer ? server : client;
			int offset = Integer.parseInt(data.substring(0, 8), 16);
			if (offset != direction.size()) {
				throw new IllegalArgumentException("Line " + lineNumber + ": offset " + offset + " but "
						+ direction.size() + " bytes were read in this direction");
			}
			String hexColumn = data.substring(HEX_START, Math.min(HEX_END, data.length())).trim();
			for (String token : hexColumn.split("\\s+")) {
				direction.write(HexFormat.fromHexDigits(token));
			}
		}
		return new TsharkHexDump(client.toByteArray(), server.toByteArray());
	}

}
