package dev.desktopidentity.cache;

import java.util.concurrent.atomic.AtomicLong;

import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.ITokenCacheAccessContext;
import org.jspecify.annotations.Nullable;

/**
 * Counts the changes that this process makes to an MSAL4J token cache: new or refreshed
 * tokens, removed accounts. What a process remembers from the cache (an access token
 * kept in memory) is still true as long as the count has not moved. Changes by other
 * processes sharing a persistent cache are not counted.
 *
 * @since 0.1.0
 */
public final class TokenCacheChanges {

	private static final long UNTRACKED = -1;

	private final AtomicLong count = new AtomicLong(UNTRACKED);

	/**
	 * Return the token cache aspect to give MSAL4J: the given one (or none) that also
	 * counts the changes.
	 * @param delegate the aspect that keeps the cache, or {@code null} for a cache in
	 * memory only
	 * @return the aspect to install
	 */
	public ITokenCacheAccessAspect track(@Nullable ITokenCacheAccessAspect delegate) {
		return new Counting(delegate);
	}

	/**
	 * Return the number of changes so far, or a negative number when no cache access has
	 * gone through an aspect from {@link #track} yet: then nothing is known.
	 * @return the number of changes, or {@code -1}
	 */
	public long count() {
		return this.count.get();
	}

	private final class Counting implements ITokenCacheAccessAspect {

		private final @Nullable ITokenCacheAccessAspect delegate;

		Counting(@Nullable ITokenCacheAccessAspect delegate) {
			this.delegate = delegate;
		}

		@Override
		public void beforeCacheAccess(ITokenCacheAccessContext context) {
			TokenCacheChanges.this.count.compareAndSet(UNTRACKED, 0);
			if (this.delegate != null) {
				this.delegate.beforeCacheAccess(context);
			}
		}

		@Override
		public void afterCacheAccess(ITokenCacheAccessContext context) {
			try {
				if (this.delegate != null) {
					this.delegate.afterCacheAccess(context);
				}
			}
			finally {
				if (context.hasCacheChanged()) {
					TokenCacheChanges.this.count.incrementAndGet();
				}
			}
		}

	}

}
