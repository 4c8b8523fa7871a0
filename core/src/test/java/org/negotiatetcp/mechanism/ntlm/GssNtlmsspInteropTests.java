package org.negotiatetcp.mechanism.ntlm;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.MechanismException;
import org.negotiatetcp.security.ImpersonationLevel;

import static org.negotiatetcp.testsupport.Bytes.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Interoperability with an independent NTLM implementation: MIT GSSAPI with the gss-ntlmssp mechanism, driven through
 * python3-gssapi ({@code interop/gss_ntlm_peer.py}) one token per line. Java plays each role against it, then
 * protects data both ways. Skips itself when /usr/bin/python3, python3-gssapi or gss-ntlmssp is missing.
 */
@Tag("interop")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GssNtlmsspInteropTests {

	private static final String PYTHON = "/usr/bin/python3";

	@TempDir
	Path directory;

	private Path userFile;

	private Peer peer;

	@BeforeEach
	void userFile() throws IOException {
		Assumptions.assumeTrue(Files.isExecutable(Path.of(PYTHON)), "interop needs " + PYTHON);
		this.userFile = this.directory.resolve("ntlm-users");
		Files.writeString(this.userFile, "EXAMPLE:alice:Secret-1\n");
	}

	@AfterEach
	void stopPeer() {
		if (this.peer != null) {
			this.peer.close();
		}
	}

	@Test
	void gssNtlmsspClientAuthenticatesToJavaAcceptorAndDataFlowsBothWays() {
		this.peer = Peer.start(this.userFile, "initiate", "EXAMPLE\\alice", "host@localhost", "conf");
		NtlmAcceptorContext server = new NtlmAcceptorContext(NtlmContextTests.accounts(),
				NtlmServerNames.forHost("localhost"), false);
		List<String> negotiate = this.peer.call("STEP -");
		assertThat(negotiate.get(1)).isEqualTo("0");
		List<String> authenticate = this.peer.call("STEP " + hex(server.step(unhex(negotiate.get(0)))));
		assertThat(authenticate.get(1)).isEqualTo("1");
		assertThat(server.step(unhex(authenticate.get(0)))).isEmpty();
		assertThat(server.negotiated().peerName()).isEqualTo("EXAMPLE\\alice");
		assertThat(server.negotiated().confidentiality()).isTrue();
		assertThat(server.clientTargetName()).isEqualTo("host/localhost");
		exchangeSealedData(server);
		exchangeMics(server);
	}

	@Test
	void javaInitiatorAuthenticatesToGssNtlmsspAcceptorAndDataFlowsBothWays() {
		this.peer = Peer.start(this.userFile, "accept");
		NtlmInitiatorContext client = new NtlmInitiatorContext(
				NtlmCredential.password("EXAMPLE", "alice", "Secret-1".toCharArray()), "host/localhost",
				new NtlmInitiatorOptions(true, true, true, "JAVA"));
		List<String> challenge = this.peer.call("STEP " + hex(client.step(null)));
		assertThat(challenge.get(1)).isEqualTo("0");
		List<String> done = this.peer.call("STEP " + hex(client.step(unhex(challenge.get(0)))));
		assertThat(done.get(1)).isEqualTo("1");
		assertThat(client.authenticateMessageHasMic()).as("gss-ntlmssp verified our AUTHENTICATE MIC").isTrue();
		assertThat(this.peer.call("INFO").get(0)).isEqualTo("EXAMPLE\\alice");
		assertThat(client.negotiated().impersonationLevel()).isEqualTo(ImpersonationLevel.IDENTIFICATION);
		exchangeSealedData(client);
		exchangeMics(client);
	}

	@Test
	void signOnlyMessagesVerifyBothWays() {
		this.peer = Peer.start(this.userFile, "initiate", "EXAMPLE\\alice", "host@localhost", "integ");
		NtlmAcceptorContext server = new NtlmAcceptorContext(NtlmContextTests.accounts(),
				NtlmServerNames.forHost("localhost"), false);
		List<String> negotiate = this.peer.call("STEP -");
		List<String> authenticate = this.peer.call("STEP " + hex(server.step(unhex(negotiate.get(0)))));
		server.step(unhex(authenticate.get(0)));
		assertThat(server.negotiated().confidentiality()).isFalse();
		assertThat(server.negotiated().integrity()).isTrue();
		for (int i = 0; i < 3; i++) {
			byte[] up = ("signed up " + i).getBytes(StandardCharsets.UTF_8);
			byte[] mic = unhex(this.peer.call("MIC " + hex(up)).get(0));
			byte[] frame = concat(mic, up);
			assertThat(server.unwrap(frame, 0, frame.length)).isEqualTo(up);
			byte[] down = ("signed down " + i).getBytes(StandardCharsets.UTF_8);
			byte[] token = server.wrap(down, 0, down.length, false);
			assertThat(java.util.Arrays.copyOfRange(token, 16, token.length)).isEqualTo(down);
			this.peer.call("VERIFY " + hex(down) + " " + hex(java.util.Arrays.copyOf(token, 16)));
		}
	}

	@Test
	void withoutProtectionBothImplementationsStillAgreeOnTheExportedSessionKey() {
		this.peer = Peer.start(this.userFile, "accept");
		NtlmInitiatorContext client = new NtlmInitiatorContext(
				NtlmCredential.password("EXAMPLE", "alice", "Secret-1".toCharArray()), "host/localhost",
				new NtlmInitiatorOptions(false, false, false, ""));
		List<String> challenge = this.peer.call("STEP " + hex(client.step(null)));
		assertThat(this.peer.call("STEP " + hex(client.step(unhex(challenge.get(0))))).get(1)).isEqualTo("1");
		assertThat(client.negotiated().integrity()).isFalse();
		assertThat(client.negotiatedFlags() & NegotiateFlags.NTLMSSP_NEGOTIATE_KEY_EXCH).isNotZero();
		assertThat(client.authenticateMessageHasMic()).as("gss-ntlmssp verified the MIC keyed with the exchanged key")
			.isTrue();

		this.peer.close();
		this.peer = Peer.start(this.userFile, "initiate", "EXAMPLE\\alice", "host@localhost", "none");
		NtlmAcceptorContext server = new NtlmAcceptorContext(NtlmContextTests.accounts(),
				NtlmServerNames.forHost("localhost"), false);
		List<String> negotiate = this.peer.call("STEP -");
		List<String> authenticate = this.peer.call("STEP " + hex(server.step(unhex(negotiate.get(0)))));
		server.step(unhex(authenticate.get(0)));
		assertThat(server.negotiated().peerName()).isEqualTo("EXAMPLE\\alice");
		byte[] data = "key check".getBytes(StandardCharsets.UTF_8);
		server.verifyMic(data, unhex(this.peer.call("MIC " + hex(data)).get(0)));
	}

	@Test
	void wrongPasswordFromGssNtlmsspClientIsRefused() throws IOException {
		Files.writeString(this.userFile, "EXAMPLE:alice:not-the-password\n");
		this.peer = Peer.start(this.userFile, "initiate", "EXAMPLE\\alice", "host@localhost", "conf");
		NtlmAcceptorContext server = new NtlmAcceptorContext(NtlmContextTests.accounts(),
				NtlmServerNames.forHost("localhost"), false);
		List<String> negotiate = this.peer.call("STEP -");
		List<String> authenticate = this.peer.call("STEP " + hex(server.step(unhex(negotiate.get(0)))));
		assertThatExceptionOfType(MechanismException.class)
			.isThrownBy(() -> server.step(unhex(authenticate.get(0))))
			.extracting(MechanismException::reason)
			.isEqualTo(FailureReason.BAD_CREDENTIALS);
	}

	@Test
	void gssNtlmsspAcceptorRefusesJavaClientWithWrongPassword() {
		this.peer = Peer.start(this.userFile, "accept");
		NtlmInitiatorContext client = new NtlmInitiatorContext(
				NtlmCredential.password("EXAMPLE", "alice", "wrong".toCharArray()), "host/localhost",
				new NtlmInitiatorOptions(true, true, false, ""));
		List<String> challenge = this.peer.call("STEP " + hex(client.step(null)));
		assertThat(this.peer.send("STEP " + hex(client.step(unhex(challenge.get(0)))))).startsWith("ERR");
	}

	private void exchangeSealedData(NtlmContext java) {
		for (int i = 0; i < 5; i++) {
			byte[] fromPeer = ("from gss-ntlmssp " + i + " " + "x".repeat(i * 100)).getBytes(StandardCharsets.UTF_8);
			byte[] token = unhex(this.peer.call("WRAP " + hex(fromPeer)).get(0));
			assertThat(java.unwrap(token, 0, token.length)).isEqualTo(fromPeer);
			byte[] fromJava = ("from java " + i).getBytes(StandardCharsets.UTF_8);
			byte[] wrapped = java.wrap(fromJava, 0, fromJava.length, true);
			assertThat(unhex(this.peer.call("UNWRAP " + hex(wrapped)).get(0))).isEqualTo(fromJava);
		}
	}

	private void exchangeMics(NtlmContext java) {
		byte[] data = "mechListMIC input".getBytes(StandardCharsets.UTF_8);
		java.verifyMic(data, unhex(this.peer.call("MIC " + hex(data)).get(0)));
		this.peer.call("VERIFY " + hex(data) + " " + hex(java.getMic(data)));
		// As SPNEGO does after the mechListMIC: both sides re-initialise their RC4 handles, sequence numbers go on.
		this.peer.call("RESET");
		java.resetSealingState();
		for (int i = 0; i < 3; i++) {
			byte[] after = ("after the reset " + i).getBytes(StandardCharsets.UTF_8);
			byte[] wrapped = java.wrap(after, 0, after.length, true);
			assertThat(unhex(this.peer.call("UNWRAP " + hex(wrapped)).get(0))).isEqualTo(after);
			byte[] token = unhex(this.peer.call("WRAP " + hex(after)).get(0));
			assertThat(java.unwrap(token, 0, token.length)).isEqualTo(after);
		}
	}

	private static String hex(byte[] bytes) {
		return (bytes.length == 0) ? "-" : HexFormat.of().formatHex(bytes);
	}

	private static byte[] unhex(String text) {
		return "-".equals(text) ? new byte[0] : HexFormat.of().parseHex(text);
	}

	/**
	 * The python peer process.
	 */
	static final class Peer implements AutoCloseable {

		private final Process process;

		private final BufferedWriter in;

		private final BufferedReader out;

		private Peer(Process process) {
			this.process = process;
			this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
			this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		}

		static Peer start(Path userFile, String... arguments) {
			Path script;
			try {
				script = Path.of(GssNtlmsspInteropTests.class.getResource("/interop/gss_ntlm_peer.py").toURI());
			}
			catch (URISyntaxException ex) {
				throw new IllegalStateException(ex);
			}
			List<String> command = new java.util.ArrayList<>(List.of(PYTHON, script.toString()));
			command.addAll(List.of(arguments));
			ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
			builder.environment().put("NTLM_USER_FILE", userFile.toString());
			try {
				Peer peer = new Peer(builder.start());
				String ready = peer.out.readLine();
				if (ready == null || ready.startsWith("SKIP")) {
					peer.close();
					Assumptions.abort("gss-ntlmssp peer unavailable: " + ready);
				}
				assertThat(ready).isEqualTo("READY");
				return peer;
			}
			catch (IOException ex) {
				Assumptions.abort("cannot start " + PYTHON + ": " + ex);
				throw new IllegalStateException(ex);
			}
		}

		/** Send a command and return the words after "OK"; fail on "ERR". */
		List<String> call(String command) {
			String answer = send(command);
			assertThat(answer).as("gss-ntlmssp answer to %s", command.split(" ")[0]).startsWith("OK");
			String rest = answer.substring(2).trim();
			return rest.isEmpty() ? List.of() : List.of(rest.split("\\s+"));
		}

		String send(String command) {
			try {
				this.in.write(command);
				this.in.newLine();
				this.in.flush();
				String answer = this.out.readLine();
				if (answer == null) {
					throw new IllegalStateException("gss-ntlmssp peer exited");
				}
				return answer;
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public void close() {
			if (!this.process.isAlive()) {
				return;
			}
			try {
				this.in.write("QUIT");
				this.in.newLine();
				this.in.flush();
			}
			catch (IOException ex) {
				// already gone
			}
			try {
				if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.process.destroyForcibly();
			}
		}

	}

}
