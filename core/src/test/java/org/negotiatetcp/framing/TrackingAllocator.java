package org.negotiatetcp.framing;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;

/**
 * A heap allocator that remembers every buffer it hands out, so a test can check that all were released.
 */
final class TrackingAllocator extends AbstractByteBufAllocator {

	private final List<ByteBuf> allocated = new ArrayList<>();

	TrackingAllocator() {
		super(false);
	}

	/**
	 * Return a buffer holding {@code bytes} whose {@link ByteBuf#alloc()} is this allocator.
	 */
	ByteBuf wrap(byte[] bytes) {
		return heapBuffer(bytes.length).writeBytes(bytes);
	}

	/**
	 * Return the buffers still referenced.
	 */
	List<ByteBuf> unreleased() {
		return this.allocated.stream().filter((buffer) -> buffer.refCnt() > 0).toList();
	}

	/**
	 * Return how many buffers were handed out.
	 */
	int allocations() {
		return this.allocated.size();
	}

	@Override
	protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
		ByteBuf buffer = new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
		this.allocated.add(buffer);
		return buffer;
	}

	@Override
	protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
		return newHeapBuffer(initialCapacity, maxCapacity);
	}

	@Override
	public boolean isDirectBufferPooled() {
		return false;
	}

}
