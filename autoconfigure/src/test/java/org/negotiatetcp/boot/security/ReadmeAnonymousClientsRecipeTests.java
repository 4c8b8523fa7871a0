package org.negotiatetcp.boot.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.boot.client.NegotiateEndpoints;
import org.negotiatetcp.boot.test.TestRealm;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.mechanism.ClientCredential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.springframework.security.authorization.SingleResultAuthorizationManager.permitAll;

/**
 * Runs the README's anonymous-clients recipe exactly as written: its server and client {@code application.yml}
 * blocks are read from the README and loaded as they are (only the port, the address and the realm's keytabs are
 * the test's), with the rules bean the README shows. An anonymous client gets in on {@code /public} only, a named
 * client everywhere.
 */
class ReadmeAnonymousClientsRecipeTests {

	private static final String RULES = """
			return security.authorizeVia("/public/**", permitAll())   // named and anonymous clients
					.build();""";

	@Test
	void anonymousClientGetsInWhereTheRecipeLetsItAndNowhereElse() throws IOException {
		String recipe = recipe();
		assertThat(recipe.replaceAll("\\s+", " ")).as("the README shows the rules bean this test runs")
			.contains(RULES.replaceAll("\\s+", " "));
		List<PropertySource<?>> yaml = yamlBlocks(recipe);
		assertThat(yaml).hasSize(2);
		ApplicationContextRunner runner = NegotiateSecurityIntegrationTests.serverAndClient()
			.withInitializer((context) -> yaml.forEach(context.getEnvironment().getPropertySources()::addLast))
			.withPropertyValues(
					"negotiate.tcp.client.endpoints.public.address=net.tcp://localhost:${local.negotiate.tcp.server.port}/public")
			.withUserConfiguration(RecipeRules.class);
		runner.run((context) -> {
			assertThat(context).hasNotFailed();
			int port = context.getEnvironment().getRequiredProperty("local.negotiate.tcp.server.port", Integer.class);
			NegotiateChannelFactory guest = context.getBean(NegotiateChannelFactory.class);
			assertThat(guest.settings().credential()).isInstanceOf(ClientCredential.Anonymous.class);
			assertThat(NegotiateSecurityIntegrationTests.call(guest,
					context.getBean(NegotiateEndpoints.class).get("public").address(), "whoami"))
				.containsExactly("anonymous [ROLE_ANONYMOUS] NegotiateAnonymousAuthenticationToken");
			NegotiateException refused = catchThrowableOfType(NegotiateException.class,
					() -> NegotiateSecurityIntegrationTests.call(guest, "net.tcp://localhost:" + port + "/orders",
							"whoami"));
			assertThat(refused.reason()).isEqualTo(FailureReason.POLICY);
			NegotiateChannelFactory alice = new NegotiateChannelFactory(
					ClientSettings.of(new ClientCredential.Keytab("alice", TestRealm.get().file("alice.keytab"))));
			assertThat(NegotiateSecurityIntegrationTests.call(alice, "net.tcp://localhost:" + port + "/public",
					"whoami"))
				.containsExactly("alice@EXAMPLE.COM [] KerberosNegotiateAuthenticationToken");
			assertThat(NegotiateSecurityIntegrationTests.call(alice, "net.tcp://localhost:" + port + "/orders",
					"whoami"))
				.containsExactly("alice@EXAMPLE.COM [] KerberosNegotiateAuthenticationToken");
		});
	}

	/**
	 * Return the README's anonymous-clients recipe: from its heading to the next paragraph heading.
	 * @return the text
	 * @throws IOException if the README cannot be read
	 */
	static String recipe() throws IOException {
		String root = System.getProperty("project.root", "..");
		String readme = Files.readString(Path.of(root, "README.md"), StandardCharsets.UTF_8);
		int start = readme.indexOf("**Anonymous clients.**");
		assertThat(start).as("the README's anonymous-clients recipe").isNotNegative();
		int end = readme.indexOf("\n**", start + 1);
		return readme.substring(start, (end > 0) ? end : readme.length());
	}

	static List<PropertySource<?>> yamlBlocks(String text) throws IOException {
		List<PropertySource<?>> sources = new ArrayList<>();
		Matcher block = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(text);
		while (block.find()) {
			ByteArrayResource resource = new ByteArrayResource(block.group(1).getBytes(StandardCharsets.UTF_8));
			sources.addAll(new YamlPropertySourceLoader().load("README anonymous recipe " + sources.size(), resource));
		}
		return sources;
	}

	@Configuration(proxyBeanMethods = false)
	static class RecipeRules {

		@Bean
		NegotiateSecuritySessionAuthorizer negotiateAuthorizer(NegotiateSecurity security) {
			return security.authorizeVia("/public/**", permitAll())   // named and anonymous clients
					.build();
		}

	}

}
