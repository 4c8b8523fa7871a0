package org.negotiatetcp.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.security.ProtectionLevel;

/**
 * What the {@link PythonGssPeer} and {@link DotnetNegotiateStreamPeer} builders share: the peer's name, framing
 * mode, protection level, environment, command-line options, messages to send and socket timeout, and starting or
 * running a client process. Defaults: raw mode, EncryptAndSign, 30 second socket timeout.
 *
 * @param <B> the concrete builder, returned by every option so that calls chain
 */
abstract class PeerBuilder<B extends PeerBuilder<B>> {

	String name;

	PeerMode mode = PeerMode.RAW;

	ProtectionLevel protection = ProtectionLevel.ENCRYPT_AND_SIGN;

	final Map<String, String> environment = new LinkedHashMap<>();

	/** Command-line options, in the order given, before the messages. */
	final List<String> options = new ArrayList<>();

	/** The messages to send, as command-line options, last on the command line. */
	final List<String> messages = new ArrayList<>();

	Duration timeout = Duration.ofSeconds(30);

	private final Duration startAllowance;

	/**
	 * Create a builder.
	 * @param name the peer's default name
	 * @param startAllowance how much longer than four socket timeouts {@link #run} waits for the process to exit
	 */
	PeerBuilder(String name, Duration startAllowance) {
		this.name = name;
		this.startAllowance = startAllowance;
	}

	/**
	 * Return this builder as its concrete type.
	 * @return {@code this}
	 */
	abstract B self();

	/**
	 * The command line this builder runs.
	 * @param host the host (server: bind address; client: server address)
	 * @param port the port (server: {@code 0} for a free one)
	 * @return the command
	 */
	public abstract List<String> command(String host, int port);

	/**
	 * What the process reads from standard input.
	 * @return the input, or {@code null} for none
	 */
	@Nullable String standardInput() {
		return null;
	}

	/**
	 * Names the peer in messages and echoed output.
	 * @param name the name
	 * @return this builder
	 */
	public B name(String name) {
		this.name = name;
		return self();
	}

	/**
	 * Raw NNS or net.tcp framing.
	 * @param mode the mode
	 * @return this builder
	 */
	public B mode(PeerMode mode) {
		this.mode = mode;
		return self();
	}

	/**
	 * The protection of data frames: EncryptAndSign wraps with confidentiality, Sign without, None sends the data
	 * unframed.
	 * @param protection the level
	 * @return this builder
	 */
	public B protection(ProtectionLevel protection) {
		this.protection = protection;
		return self();
	}

	/**
	 * Environment variables for the peer, typically {@link MitKdc#env()}.
	 * @param variables the variables
	 * @return this builder
	 */
	public B environment(Map<String, String> variables) {
		this.environment.putAll(variables);
		return self();
	}

	/**
	 * One environment variable.
	 * @param name the name
	 * @param value the value
	 * @return this builder
	 */
	public B environment(String name, String value) {
		this.environment.put(name, value);
		return self();
	}

	/**
	 * The ticket cache behind a client's default credentials ({@code KRB5CCNAME}).
	 * @param ccache a cache from {@link MitKdc#kinit}
	 * @return this builder
	 */
	public B ccache(Path ccache) {
		return environment("KRB5CCNAME", "FILE:" + ccache);
	}

	/**
	 * Client: the net.tcp Via URI (default {@code net.tcp://host:port/}).
	 * @param via the URI
	 * @return this builder
	 */
	public B via(String via) {
		return option("--via", via);
	}

	/**
	 * Client: a message to send (UTF-8); raw mode sends it as written data, net.tcp mode as a SizedEnvelope.
	 * @param text the message
	 * @return this builder
	 */
	public B message(String text) {
		this.messages.addAll(List.of("--message", text));
		return self();
	}

	/**
	 * Client: a binary message to send.
	 * @param bytes the message
	 * @return this builder
	 */
	public B message(byte[] bytes) {
		this.messages.addAll(List.of("--hex-message", HexFormat.of().formatHex(bytes)));
		return self();
	}

	/**
	 * Client: a message of {@code length} bytes {@code i % 251}, see {@link PythonGssPeer#pattern(int)}.
	 * @param length the length
	 * @return this builder
	 */
	public B patternMessage(int length) {
		this.messages.addAll(List.of("--pattern-message", Integer.toString(length)));
		return self();
	}

	/**
	 * The peer's socket timeout; a client run is limited to four times this.
	 * @param timeout the timeout
	 * @return this builder
	 */
	public B timeout(Duration timeout) {
		this.timeout = timeout;
		return self();
	}

	/**
	 * Add a command-line option with its value.
	 * @param option the option, for example {@code --via}
	 * @param value its value
	 * @return this builder
	 */
	B option(String option, String value) {
		this.options.add(option);
		this.options.add(value);
		return self();
	}

	/**
	 * Starts a client against a server without waiting for it.
	 * @param host the server's address
	 * @param port the server's port
	 * @return the running client
	 */
	public PeerProcess start(String host, int port) {
		return PeerProcess.start(this.name, command(host, port), this.environment, standardInput());
	}

	/**
	 * Runs a client to completion.
	 * @param host the server's address
	 * @param port the server's port
	 * @return the client's transcript (check {@link PeerTranscript#requireSuccess()})
	 */
	public PeerTranscript run(String host, int port) {
		try (PeerProcess process = start(host, port)) {
			return process.awaitExit(this.timeout.multipliedBy(4).plus(this.startAllowance));
		}
	}

}
