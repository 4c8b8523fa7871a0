package org.negotiatetcp.boot.acl.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

import org.negotiatetcp.boot.acl.AccessRight;
import org.negotiatetcp.boot.acl.NegotiatePermission;
import org.negotiatetcp.boot.acl.ObjectTypeSecurity;
import org.negotiatetcp.boot.acl.ObjectTypes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's object-ACL configuration is loaded as it is written.
 */
class ReadmeAclRecipeTests {

	@Test
	void readmeConfigurationGivesReportsTheirMappingCreatorRightsAndDefaultEntries() throws Exception {
		String readme = Files.readString(Path.of(System.getProperty("project.root", ".."), "README.md"),
				StandardCharsets.UTF_8);
		int start = readme.indexOf("## Objects that carry their client's ACL");
		assertThat(start).as("the README's object ACL section").isNotNegative();
		String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
		Matcher block = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(section);
		assertThat(block.find()).as("the section's application.yml").isTrue();
		List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("README acl",
				new ByteArrayResource(block.group(1).getBytes(StandardCharsets.UTF_8)));
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(NegotiateAclAutoConfiguration.class))
			.withInitializer((context) -> yaml.forEach(context.getEnvironment().getPropertySources()::addLast))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ObjectTypeSecurity report = context.getBean(ObjectTypes.class).get("Report");
				int read = 1 | NegotiatePermission.READ_CONTROL.getMask();
				assertThat(report.rights(AccessRight.READ)).isEqualTo(read);
				assertThat(report.creatorRights()).containsExactlyInAnyOrder(AccessRight.READ, AccessRight.WRITE);
				assertThat(report.defaultEntries()).extracting(Object::toString)
					.containsExactly("allow ROLE_AUDITORS " + Integer.toBinaryString(read) + " inheritable",
							"deny everyone 10");
			});
	}

}
