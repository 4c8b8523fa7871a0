package org.negotiatetcp.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.security.AuthPackage;

/**
 * An independent [MS-NNS] peer on MIT GSSAPI: {@code peers/nns_peer.py} run by Debian's {@code /usr/bin/python3}
 * with {@code python3-gssapi} (and {@code gss-ntlmssp} for NTLM). It acts as server (echoes every message it
 * receives) or client (sends messages and prints the echoes), in raw NNS or net.tcp mode, with mechanism krb5,
 * SPNEGO or NTLM.
 * <p>
 * A server is started with, for example,
 * <pre>
 * PeerProcess server = PythonGssPeer.server().mechanism(AuthPackage.SPNEGO).mode(PeerMode.NETTCP)
 *     .environment(kdc.env()).keytab(keytab).start();
 * int port = server.port();
 * </pre>
 * which runs {@code /usr/bin/python3 <resources>/peers/nns_peer.py --role server --mech spnego --mode nettcp
 * --protection encrypt --host 127.0.0.1 --port 0 --timeout 30} (serving one connection) with {@code KRB5_CONFIG} and
 * {@code KRB5_KTNAME} set and waits for its {@code LISTENING <port>} line. A client run is
 * {@code PythonGssPeer.client().environment(kdc.env()).ccache(ccache).message("hello").run("127.0.0.1", port)}.
 */
public final class PythonGssPeer {

	private static final String PYTHON = System.getProperty("negotiate.python", "/usr/bin/python3");

	private static final List<Path> NTLM_PLUGINS = List.of(Path.of("/usr/lib/x86_64-linux-gnu/gssntlmssp/gssntlmssp.so"),
			Path.of("/usr/lib/aarch64-linux-gnu/gssntlmssp/gssntlmssp.so"), Path.of("/usr/lib64/gssntlmssp/gssntlmssp.so"));

	private static volatile @Nullable String unavailable;

	private PythonGssPeer() {
	}

	/**
	 * Whether {@code /usr/bin/python3} can {@code import gssapi}.
	 * @return {@code true} if the peer can run (Kerberos and SPNEGO)
	 */
	public static boolean isAvailable() {
		return unavailableReason().isEmpty();
	}

	/**
	 * Why {@link #isAvailable()} is {@code false}, for a test's skip message.
	 * @return the reason, or an empty string when available
	 */
	public static String unavailableReason() {
		String reason = unavailable;
		if (reason == null) {
			reason = probe();
			unavailable = reason;
		}
		return reason;
	}

	private static String probe() {
		if (!Files.isExecutable(Path.of(PYTHON))) {
			return PYTHON + " not found (install the Debian package python3-gssapi)";
		}
		try {
			Executables.Result result = Executables.run(List.of(PYTHON, "-c", "import gssapi"), Map.of(), null,
					Duration.ofSeconds(30));
			return (result.exitCode() == 0) ? ""
					: PYTHON + " cannot import gssapi (install the Debian package python3-gssapi): "
							+ result.output().trim();
		}
		catch (RuntimeException ex) {
			return "Cannot run " + PYTHON + ": " + ex.getMessage();
		}
	}

	/**
	 * Whether NTLM is available to the peer: {@link #isAvailable()} and the gss-ntlmssp plugin installed and
	 * registered with MIT GSSAPI.
	 * @return {@code true} if {@link AuthPackage#NTLM} (and SPNEGO's NTLM fallback) can work
	 */
	public static boolean isNtlmAvailable() {
		return ntlmUnavailableReason().isEmpty();
	}

	/**
	 * Why {@link #isNtlmAvailable()} is {@code false}.
	 * @return the reason, or an empty string when available
	 */
	public static String ntlmUnavailableReason() {
		String reason = unavailableReason();
		if (!reason.isEmpty()) {
			return reason;
		}
		boolean plugin = NTLM_PLUGINS.stream().anyMatch(Files::isRegularFile);
		boolean registered = false;
		try (var files = Files.list(Path.of("/etc/gss/mech.d"))) {
			registered = files.anyMatch((file) -> file.getFileName().toString().contains("ntlm"));
		}
		catch (IOException ex) {
			// no mech.d directory
		}
		return (plugin || registered) ? ""
				: "gss-ntlmssp not installed (install the Debian package gss-ntlmssp)";
	}

	/**
	 * Writes a gss-ntlmssp user database ({@code NTLM_USER_FILE}), read by both the initiator and the acceptor.
	 * @param file the file to write
	 * @param accounts entries {@code DOMAIN:user:password}
	 * @return {@code file}
	 */
	public static Path writeNtlmUserFile(Path file, String... accounts) {
		try {
			Files.writeString(file, String.join("\n", accounts) + "\n", StandardCharsets.UTF_8);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A builder for a server peer (echoes what it receives).
	 * @return a new builder
	 */
	public static Builder server() {
		return new Builder("server");
	}

	/**
	 * A builder for a client peer (sends its messages, prints the echoes).
	 * @return a new builder
	 */
	public static Builder client() {
		return new Builder("client");
	}

	/**
	 * Options of one peer run. Defaults: Kerberos ({@link AuthPackage#KERBEROS}), raw mode,
	 * EncryptAndSign, target {@code host@localhost}, mutual authentication requested, one connection, 30 second
	 * socket timeout.
	 */
	public static final class Builder extends PeerBuilder<Builder> {

		private final String role;

		private AuthPackage mechanism = AuthPackage.KERBEROS;

		private @Nullable String stdin;

		private Builder(String role) {
			super("python-" + role, Duration.ofSeconds(5));
			this.role = role;
		}

		@Override
		Builder self() {
			return this;
		}

		/**
		 * The GSS mechanism: krb5 ({@link AuthPackage#KERBEROS}), SPNEGO, or NTLM. A server accepts only this
		 * mechanism's tokens (a KERBEROS server rejects SPNEGO tokens).
		 * @param mechanism the mechanism
		 * @return this builder
		 */
		public Builder mechanism(AuthPackage mechanism) {
			this.mechanism = mechanism;
			return this;
		}

		/**
		 * The server's keytab ({@code KRB5_KTNAME}).
		 * @param keytab a keytab from {@link MitKdc#addService}
		 * @return this builder
		 */
		public Builder keytab(Path keytab) {
			return environment("KRB5_KTNAME", "FILE:" + keytab);
		}

		/**
		 * The gss-ntlmssp user database ({@code NTLM_USER_FILE}).
		 * @param file a file from {@link #writeNtlmUserFile}
		 * @return this builder
		 */
		public Builder ntlmUserFile(Path file) {
			return environment("NTLM_USER_FILE", file.toString());
		}

		/**
		 * Client: the target, {@code service@host} (host-based) or a Kerberos principal containing {@code /}.
		 * @param target the target name
		 * @return this builder
		 */
		public Builder target(String target) {
			return option("--target", target);
		}

		/**
		 * Client: the user to authenticate as ({@code alice} or {@code DOMAIN\\user} for NTLM); without it the
		 * default credential (the ticket cache) is used.
		 * @param user the user name
		 * @return this builder
		 */
		public Builder user(String user) {
			return option("--user", user);
		}

		/**
		 * Client: acquire the user's credentials with this password (gss_acquire_cred_with_password).
		 * @param password the password
		 * @return this builder
		 */
		public Builder password(String password) {
			return option("--password", password);
		}

		/**
		 * Client: request credential delegation (GSS_C_DELEG_FLAG).
		 * @return this builder
		 */
		public Builder delegate() {
			this.options.add("--delegate");
			return this;
		}

		/**
		 * Client: request identify-only impersonation (GSS_C_IDENTIFY_FLAG), as .NET does for Identification.
		 * @return this builder
		 */
		public Builder identify() {
			this.options.add("--identify");
			return this;
		}

		/**
		 * Client: do not request mutual authentication.
		 * @return this builder
		 */
		public Builder noMutual() {
			this.options.add("--no-mutual");
			return this;
		}

		/**
		 * Client: messages fed through standard input, one per line (sent after the command-line messages).
		 * @param lines the messages (UTF-8, no line breaks)
		 * @return this builder
		 */
		public Builder stdinMessages(String... lines) {
			if (!this.options.contains("--stdin")) {
				this.options.add("--stdin");
			}
			this.stdin = String.join("\n", lines) + "\n";
			return this;
		}

		/**
		 * Server: how many connections to serve before exiting ({@code 0}: until killed). Default 1.
		 * @param connections the count
		 * @return this builder
		 */
		public Builder connections(int connections) {
			return option("--connections", Integer.toString(connections));
		}

		/**
		 * Server: answer the client's first token with HandshakeError 0x15 carrying this payload.
		 * @param payload the error payload, for example 8 bytes big-endian HRESULT
		 * @return this builder
		 */
		public Builder failHandshake(byte[] payload) {
			return option("--fail-handshake", HexFormat.of().formatHex(payload));
		}

		@Override
		public List<String> command(String host, int port) {
			List<String> command = new ArrayList<>(List.of(PYTHON, PeerResources.file("peers/nns_peer.py").toString(),
					"--role", this.role, "--mech", mechanismArgument(), "--mode", this.mode.argument(), "--protection",
					protectionArgument(), "--host", host, "--port", Integer.toString(port), "--timeout",
					Long.toString(Math.max(1, this.timeout.toSeconds()))));
			command.addAll(this.options);
			command.addAll(this.messages);
			return command;
		}

		@Override
		@Nullable String standardInput() {
			return this.stdin;
		}

		/**
		 * Starts a server on a free port of 127.0.0.1 and waits for it to listen.
		 * @return the running server; {@link PeerProcess#port()} is its port
		 */
		public PeerProcess start() {
			requireRole("server");
			PeerProcess process = PeerProcess.start(this.name, command("127.0.0.1", 0), this.environment, null);
			process.awaitListening(this.timeout);
			return process;
		}

		@Override
		public PeerProcess start(String host, int port) {
			requireRole("client");
			return super.start(host, port);
		}

		private void requireRole(String expected) {
			if (!this.role.equals(expected)) {
				throw new IllegalStateException("This builder is for a " + this.role);
			}
		}

		private String mechanismArgument() {
			return switch (this.mechanism) {
				case KERBEROS -> "krb5";
				case SPNEGO -> "spnego";
				case NTLM -> "ntlm";
			};
		}

		private String protectionArgument() {
			return switch (this.protection) {
				case NONE -> "none";
				case SIGN -> "sign";
				case ENCRYPT_AND_SIGN -> "encrypt";
			};
		}

	}

	/**
	 * The bytes of a {@code --pattern-message} of the given length: byte {@code i} is {@code i % 251}.
	 * @param length the length
	 * @return the bytes
	 */
	public static byte[] pattern(int length) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) (i % 251);
		}
		return bytes;
	}

}
