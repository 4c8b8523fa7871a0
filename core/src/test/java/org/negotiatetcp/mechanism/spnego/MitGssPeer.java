package org.negotiatetcp.mechanism.spnego;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.MechanismContext;
import org.negotiatetcp.mechanism.MechanismException;

/**
 * An independent GSS-API peer: MIT krb5 through {@code python3-gssapi}, running {@code gss_peer.py} in a child
 * process and exposed as a {@link MechanismContext} so the same exchange driver runs against it.
 */
final class MitGssPeer implements MechanismContext {

	static final String PYTHON = "/usr/bin/python3";

	private static final HexFormat HEX = HexFormat.of();

	private final Process process;

	private final BufferedReader reader;

	private final Writer writer;

	private final boolean initiator;

	private final List<String> transcript = new ArrayList<>();

	private byte @Nullable [] pendingFirstToken;

	private boolean established;

	private @Nullable String info;

	private MitGssPeer(Process process, boolean initiator) {
		this.process = process;
		this.initiator = initiator;
		this.reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		this.writer = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
	}

	/**
	 * Whether python3-gssapi is installed.
	 * @return {@code true} if {@code import gssapi} works
	 */
	static boolean available() {
		try {
			Process check = new ProcessBuilder(PYTHON, "-c", "import gssapi").redirectErrorStream(true).start();
			return check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	static MitGssPeer initiator(Map<String, String> environment, String mechOid, String target, String user,
			String password) throws IOException {
		MitGssPeer peer = start(environment, true, "initiate", mechOid, target, user, password);
		peer.pendingFirstToken = peer.readToken();
		return peer;
	}

	static MitGssPeer ntlmInitiator(Map<String, String> environment, String mechOid, String hostBasedTarget,
			String user) throws IOException {
		MitGssPeer peer = start(environment, true, "initiate-ntlm", mechOid, hostBasedTarget, user);
		peer.pendingFirstToken = peer.readToken();
		return peer;
	}

	static MitGssPeer acceptor(Map<String, String> environment, String mechOid) throws IOException {
		return start(environment, false, "accept", mechOid);
	}

	private static MitGssPeer start(Map<String, String> environment, boolean initiator, String... args)
			throws IOException {
		Path script = Files.createTempFile("gss_peer", ".py");
		try (var in = MitGssPeer.class.getResourceAsStream("gss_peer.py")) {
			Files.write(script, in.readAllBytes());
		}
		script.toFile().deleteOnExit();
		List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
		builder.environment().putAll(environment);
		return new MitGssPeer(builder.start(), initiator);
	}

	private String request(@Nullable String line) {
		try {
			if (line != null) {
				this.writer.write(line + "\n");
				this.writer.flush();
			}
			String answer = this.reader.readLine();
			if (answer == null) {
				throw new IllegalStateException("MIT peer exited; transcript " + this.transcript);
			}
			this.transcript.add(answer);
			if (answer.startsWith("ERROR ")) {
				throw new MechanismException(FailureReason.BAD_TOKEN, "MIT peer: " + answer.substring(6));
			}
			return answer;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private byte @Nullable [] readToken() {
		return parseToken(request(null));
	}

	private byte @Nullable [] parseToken(String answer) {
		String[] parts = answer.split(" ");
		if (parts.length != 3 || !"TOKEN".equals(parts[0])) {
			throw new IllegalStateException("Unexpected answer from the MIT peer: " + answer);
		}
		this.established = "1".equals(parts[2]);
		if (this.established) {
			this.info = request(null);
		}
		return "-".equals(parts[1]) ? null : HEX.parseHex(parts[1]);
	}

	@Override
	public byte[] step(byte @Nullable [] inputToken) {
		byte[] token;
		if (inputToken == null) {
			token = this.pendingFirstToken;
			this.pendingFirstToken = null;
		}
		else {
			token = parseToken(request("TOKEN " + HEX.formatHex(inputToken)));
		}
		return (token != null) ? token : new byte[0];
	}

	@Override
	public boolean isEstablished() {
		return this.established;
	}

	@Override
	public boolean isInitiator() {
		return this.initiator;
	}

	/**
	 * Return what the peer reported on completion: its peer's name and the mechanism OID.
	 * @return the INFO line
	 */
	@Nullable String info() {
		return this.info;
	}

	@Override
	public NegotiatedContext negotiated() {
		throw new UnsupportedOperationException("see info()");
	}

	@Override
	public byte[] wrap(byte[] data, int offset, int length, boolean confidential) {
		String answer = request("SEND " + HEX.formatHex(data, offset, offset + length));
		return HEX.parseHex(answer.substring("WRAP ".length()));
	}

	@Override
	public byte[] unwrap(byte[] token, int offset, int length) {
		String answer = request("WRAP " + HEX.formatHex(token, offset, offset + length));
		return HEX.parseHex(answer.substring("PLAIN ".length()));
	}

	@Override
	public byte[] getMic(byte[] data) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void verifyMic(byte[] data, byte[] mic) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void close() {
		try {
			this.writer.write("QUIT\n");
			this.writer.flush();
		}
		catch (IOException ex) {
			// already gone
		}
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
