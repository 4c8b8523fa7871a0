package org.negotiatetcp.boot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

import org.negotiatetcp.boot.client.NegotiateEndpoints;
import org.negotiatetcp.boot.test.TestRunners;
import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.channel.NegotiateChannelHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event loops the server and the client run on: Spring's {@link ReactorResourceFactory} when the application has
 * one (as Boot's Reactor Netty web server does), the application's own {@link LoopResources}, or the starter's own
 * loops, observed through the threads a real round trip runs on.
 */
class NegotiateEventLoopsTests {

	private final Set<String> serverThreads = ConcurrentHashMap.newKeySet();

	private final Set<String> clientThreads = ConcurrentHashMap.newKeySet();

	private final ApplicationContextRunner runner = TestRunners
		.server(NegotiateCredentialsAutoConfiguration.class, NegotiateClientAutoConfiguration.class,
				NegotiateSecurityAutoConfiguration.class, NegotiateServerAutoConfiguration.class)
		.withPropertyValues("negotiate.tcp.client.credential=alice",
				"negotiate.tcp.client.endpoints.echo.address=net.tcp://localhost:${local.negotiate.tcp.server.port}/echo")
		.withBean(NegotiateChannelHandler.class, () -> (channel) -> channel.send(channel.receive().map((buf) -> {
			this.serverThreads.add(Thread.currentThread().getName());
			return buf.retain();
		})));

	@Test
	void serverAndClientShareTheReactorResourceFactoryLoops() {
		this.runner.withBean(ReactorResourceFactory.class, () -> {
			ReactorResourceFactory factory = new ReactorResourceFactory();
			factory.setUseGlobalResources(false);
			factory.setLoopResources(LoopResources.create("boot-shared", 2, true));
			return factory;
		}).run((context) -> {
			roundTrip(context);
			assertThat(this.serverThreads).isNotEmpty().allMatch((name) -> name.startsWith("boot-shared"));
			assertThat(this.clientThreads).isNotEmpty().allMatch((name) -> name.startsWith("boot-shared"));
			assertThat(context.getBean(NegotiateEventLoops.class).owned()).isFalse();
		});
	}

	@Test
	void anApplicationLoopResourcesBeanWins() {
		LoopResources mine = LoopResources.create("mine", 1, true);
		try {
			this.runner.withBean(LoopResources.class, () -> mine).run((context) -> {
				roundTrip(context);
				assertThat(this.serverThreads).isNotEmpty().allMatch((name) -> name.startsWith("mine"));
				assertThat(context.getBean(NegotiateEventLoops.class).loops()).isSameAs(mine);
			});
		}
		finally {
			mine.disposeLater().block(Duration.ofSeconds(10));
		}
	}

	@Test
	void withoutSpringWebTheStarterRunsOnItsOwnLoopsAndDisposesThemOnClose() {
		this.runner.withClassLoader(new FilteredClassLoader(ReactorResourceFactory.class)).run((context) -> {
			roundTrip(context);
			assertThat(this.serverThreads).isNotEmpty().allMatch((name) -> name.startsWith("negotiate-tcp"));
			assertThat(this.clientThreads).isNotEmpty().allMatch((name) -> name.startsWith("negotiate-tcp"));
			NegotiateEventLoops loops = context.getBean(NegotiateEventLoops.class);
			assertThat(loops.owned()).isTrue();
			context.close();
			assertThat(loops.loops().isDisposed()).isTrue();
		});
	}

	private void roundTrip(ApplicationContext context) {
		NegotiateChannel channel = context.getBean(NegotiateEndpoints.class)
			.get("echo")
			.open()
			.block(Duration.ofSeconds(30));
		try {
			channel.sendBytes("ping".getBytes(StandardCharsets.UTF_8)).block(Duration.ofSeconds(10));
			String reply = channel.receive().next().map((buf) -> {
				this.clientThreads.add(Thread.currentThread().getName());
				return buf.toString(StandardCharsets.UTF_8);
			}).block(Duration.ofSeconds(10));
			assertThat(reply).isEqualTo("ping");
		}
		finally {
			channel.close().block(Duration.ofSeconds(10));
		}
	}

}
