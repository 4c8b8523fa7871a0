package org.negotiatetcp.samples.process;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.security.SecurityInfo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client session with a sample server (the core {@link NegotiateChannelFactory} in the test JVM): request/reply
 * exchanges of UTF-8 text in one authenticated session.
 */
final class ClientSession {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final NegotiateChannel channel;

	private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

	private final CompletableFuture<@Nullable Void> inboundEnded = new CompletableFuture<>();

	private final Disposable inbound;

	private ClientSession(NegotiateChannel channel) {
		this.channel = channel;
		this.inbound = channel.receive()
			.map((reply) -> reply.toString(StandardCharsets.UTF_8))
			.subscribe(this.replies::add, this.inboundEnded::completeExceptionally,
					() -> this.inboundEnded.complete(null));
	}

	/**
	 * Open a session (net.tcp preamble and NegotiateStream handshake).
	 * @param client the client
	 * @param address the server's address
	 * @return the open session
	 */
	static ClientSession open(NegotiateChannelFactory client, String address) {
		NegotiateChannel channel = client.open(address).block(TIMEOUT);
		assertThat(channel).as("session with " + address).isNotNull();
		return new ClientSession(channel);
	}

	/**
	 * Return how the server was authenticated.
	 * @return the security of the session
	 */
	SecurityInfo securityInfo() {
		return this.channel.securityInfo();
	}

	/**
	 * Send a message and wait for the reply.
	 * @param message the message
	 * @return the reply
	 * @throws InterruptedException if interrupted
	 */
	String exchange(String message) throws InterruptedException {
		this.channel.sendBytes(message.getBytes(StandardCharsets.UTF_8)).block(TIMEOUT);
		String reply = this.replies.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(reply).as("reply to '" + message + "'").isNotNull();
		return reply;
	}

	/**
	 * Wait for the server to end the session: its End completes the inbound messages normally (a dropped connection
	 * would end them with an error), and the client answers with its End.
	 * @param timeout how long at most
	 */
	void awaitEndFromServer(Duration timeout) {
		assertThat(this.inboundEnded).as("the server ended the session with End").succeedsWithin(timeout);
		assertThat(this.replies).as("replies left unread").isEmpty();
	}

	/**
	 * End the session gracefully (End, then the server's End) and wait until it is closed.
	 */
	void close() {
		this.channel.close().block(TIMEOUT);
		this.inbound.dispose();
	}

}
