package org.negotiatetcp.testsupport;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails a test class if Netty reported a leaked buffer while it ran. Registered for every test class through
 * {@code META-INF/services} (JUnit extension auto-detection); leaks are detected at PARANOID level (see the POM).
 */
public final class NettyLeakExtension implements AfterAllCallback {

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		// leaks are reported when a leaked buffer is collected and a later allocation polls the reference queue
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(20);
			ByteBuf probe = PooledByteBufAllocator.DEFAULT.buffer(1);
			probe.release();
		}
		List<String> leaks = LeakReports.drain();
		assertThat(leaks).as("Netty buffers leaked in " + context.getDisplayName()).isEmpty();
	}

}
