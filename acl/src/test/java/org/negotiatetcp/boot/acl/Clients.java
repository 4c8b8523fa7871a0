package org.negotiatetcp.boot.acl;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netty.buffer.Unpooled;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import org.negotiatetcp.boot.test.kerberos.KerberosRealm;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ProtectionLevel;

/**
 * Starts {@link OrdersApplication} for a realm and talks to it as alice, bob or an anonymous NTLM client, over real
 * channels.
 */
final class Clients {

	private final ConfigurableApplicationContext context;

	private final KerberosRealm realm;

	private Clients(ConfigurableApplicationContext context, KerberosRealm realm) {
		this.context = context;
		this.realm = realm;
	}

	/**
	 * Start the application: server on a free port of 127.0.0.1, Kerberos for alice and bob, NTLM on (for anonymous
	 * clients), anonymous clients allowed where a rule lets them in ({@code /public}).
	 */
	static Clients start(KerberosRealm realm, Map<String, Object> properties) {
		Map<String, Object> all = new LinkedHashMap<>(realm.properties());
		all.put("negotiate.tcp.server.address", "127.0.0.1");
		all.put("negotiate.tcp.server.port", "0");
		all.put("negotiate.tcp.server.vias", "/orders, /public");
		all.put("negotiate.tcp.server.allow-anonymous-clients", "true");
		// an anonymous NTLM session has a key of zeros: it is never signed or sealed, so the server's minimum is none
		// (named clients still get the encrypt-and-sign they ask for)
		all.put("negotiate.tcp.server.protection-level", "none");
		all.put("negotiate.tcp.server.ntlm.accounts[EXAMPLE\\dave]", "dave-password");
		all.putAll(properties);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(OrdersApplication.class)
			.web(WebApplicationType.NONE)
			.properties(all)
			.run();
		return new Clients(context, realm);
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	/**
	 * Send commands on one channel as a client and return the replies.
	 * @param user alice, bob or anonymous
	 * @param commands the commands
	 * @return one reply per command
	 */
	List<String> as(String user, String... commands) {
		String via = "anonymous".equals(user) ? "/public" : "/orders";
		String port = this.context.getEnvironment().getRequiredProperty("local.negotiate.tcp.server.port");
		return factory(user).open("net.tcp://localhost:" + port + via)
			.flatMapMany((channel) -> channel
				.send(Flux.fromArray(commands).map((command) -> Unpooled.copiedBuffer(command, StandardCharsets.UTF_8)))
				.thenMany(channel.receive().take(commands.length).map((buf) -> buf.toString(StandardCharsets.UTF_8)))
				.concatWith(channel.close().then(Mono.empty())))
			.collectList()
			.block(Duration.ofSeconds(60));
	}

	/**
	 * Send one command as a client and return the reply.
	 */
	String one(String user, String command) {
		return as(user, command).get(0);
	}

	private NegotiateChannelFactory factory(String user) {
		NegotiateChannelFactory factory = this.context.getBean(NegotiateChannelFactory.class);
		ClientSettings settings = factory.settings();
		if ("anonymous".equals(user)) {
			return factory.withSettings(settings.withAuthPackage(AuthPackage.NTLM)
				.withRequireServerAuth(false)
				.withProtectionLevel(ProtectionLevel.NONE)
				.withCredential(new ClientCredential.Anonymous()));
		}
		return factory.withSettings(settings.withCredential(
				new ClientCredential.Keytab(this.realm.principal(user), this.realm.keytab(user))));
	}

	void close() {
		this.context.close();
	}

}
