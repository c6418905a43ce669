package dev.desktopidentity.cache;

import java.util.List;
import java.util.stream.Stream;

import com.microsoft.aad.msal4j.TokenCache;
import com.sun.jna.NativeMapped;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;

/**
 * What the token cache reaches by reflection, dynamic proxies and resources, for Spring
 * AOT and GraalVM native images: the entry maps of MSAL4J's {@link TokenCache} that
 * {@link TokenCacheContent} clears, and the libsecret and GLib bindings that JNA
 * implements as proxies of {@link LibSecret}, with the JNA native dispatch library it
 * loads from its jar. JNA creates an instance of each {@link NativeMapped} type in their
 * signatures (such as {@code PointerByReference}) through its public no-argument
 * constructor, for the type's default value.
 * <p>
 * JNA's own JNI metadata comes from the GraalVM reachability metadata repository. An
 * application without JNA gets the hints of MSAL4J's token cache only.
 */
class CacheRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection()
			.registerType(TokenCache.class, (type) -> TokenCacheContent.ENTRY_MAP_FIELDS.forEach(type::withField));
		// JNA is optional to the auto-configuration: without it, no libsecret
		if (!ClassUtils.isPresent("com.sun.jna.Library", classLoader)) {
			return;
		}
		for (Class<?> library : List.of(LibSecret.class, LibSecret.GLib.class)) {
			hints.proxies().registerJdkProxy(library);
			hints.reflection().registerType(library, MemberCategory.INVOKE_PUBLIC_METHODS);
			nativeMappedTypes(library).forEach((type) -> hints.reflection()
				.registerType(type, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS));
		}
		hints.resources().registerPattern("com/sun/jna/*/libjnidispatch.*");
	}

	/**
	 * Return the {@link NativeMapped} types among the parameter and return types of a JNA
	 * binding's methods.
	 * @param library the binding
	 * @return the types
	 */
	private static List<Class<?>> nativeMappedTypes(Class<?> library) {
		return Stream.of(library.getMethods())
			.flatMap((method) -> Stream.concat(Stream.of(method.getReturnType()), Stream.of(method.getParameterTypes())))
			.filter(NativeMapped.class::isAssignableFrom)
			.<Class<?>>map((type) -> type)
			.distinct()
			.toList();
	}

}
