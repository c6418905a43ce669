package dev.desktopidentity.cache;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.microsoft.aad.msal4j.TokenCache;
import com.sun.jna.NativeMapped;
import com.sun.jna.Structure;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;

/**
 * What the token cache reaches by reflection, dynamic proxies and resources, for Spring
 * AOT and GraalVM native images: the entry maps of MSAL4J's {@link TokenCache} that
 * {@link TokenCacheContent} clears; the libsecret and GLib bindings that JNA implements
 * as proxies of {@link LibSecret}, with the JNA native dispatch library it loads from its
 * jar; and, on Windows, the functions of jna-platform's {@code Crypt32}, {@code Kernel32}
 * and {@code Advapi32} bindings that the key store calls through jna-platform's
 * {@code Crypt32Util} and {@code Advapi32Util}. JNA creates an instance of each
 * {@link NativeMapped} type in their signatures (such as {@code PointerByReference})
 * through its public no-argument constructor, for the type's default value, and reads
 * and writes the public fields of each {@link Structure} (creating those that a field
 * holds) by reflection.
 * <p>
 * JNA's own JNI metadata comes from the GraalVM reachability metadata repository, whose
 * jna-platform entry does not cover these bindings. An application without JNA gets the
 * hints of MSAL4J's token cache only, one without jna-platform no Windows hints.
 */
class CacheRuntimeHints implements RuntimeHintsRegistrar {

	private static final String JNA_PLATFORM_HELPER = "com.sun.jna.platform.win32.Crypt32Util";

	/**
	 * The jna-platform bindings and their functions that {@link Crypt32DataProtection}
	 * and {@link WindowsUser} reach, directly or through jna-platform's helpers
	 * ({@code CacheRuntimeHintsTests} derives them from the bytecode).
	 */
	private static final Map<String, List<String>> WINDOWS_FUNCTIONS = Map.of(
			"com.sun.jna.platform.win32.Crypt32", List.of("CryptProtectData", "CryptUnprotectData"),
			"com.sun.jna.platform.win32.Kernel32",
			List.of("CloseHandle", "FormatMessage", "GetCurrentProcess", "GetLastError", "LocalFree"),
			"com.sun.jna.platform.win32.Advapi32", List.of("ConvertSidToStringSid", "GetLengthSid",
					"GetTokenInformation", "LookupAccountSid", "OpenProcessToken"));

	/**
	 * The structures that jna-platform's helpers create themselves, beyond those in the
	 * functions' signatures.
	 */
	private static final List<String> WINDOWS_STRUCTURES = List.of("com.sun.jna.platform.win32.WinCrypt$DATA_BLOB",
			"com.sun.jna.platform.win32.WinNT$PSID", "com.sun.jna.platform.win32.WinNT$TOKEN_USER");

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection()
			.registerType(TokenCache.class, (type) -> TokenCacheContent.ENTRY_MAP_FIELDS.forEach(type::withField));
		// JNA is optional to the auto-configuration: without it, no libsecret
		if (!ClassUtils.isPresent("com.sun.jna.Library", classLoader)) {
			return;
		}
		Set<Class<?>> registered = new HashSet<>();
		for (Class<?> library : List.of(LibSecret.class, LibSecret.GLib.class)) {
			hints.proxies().registerJdkProxy(library);
			hints.reflection().registerType(library, MemberCategory.INVOKE_PUBLIC_METHODS);
			Stream.of(library.getMethods()).forEach((method) -> registerSignature(hints, method, registered));
		}
		hints.resources().registerPattern("com/sun/jna/*/libjnidispatch.*");
		// so is jna-platform: without it, no key store on Windows
		if (ClassUtils.isPresent(JNA_PLATFORM_HELPER, classLoader)) {
			registerWindowsHints(hints, classLoader, registered);
		}
	}

	private static void registerWindowsHints(RuntimeHints hints, @Nullable ClassLoader classLoader,
			Set<Class<?>> registered) {
		WINDOWS_FUNCTIONS.forEach((name, functions) -> {
			Class<?> library = ClassUtils.resolveClassName(name, classLoader);
			hints.proxies().registerJdkProxy(library);
			for (Method method : library.getMethods()) {
				if (functions.contains(method.getName())) {
					hints.reflection().registerMethod(method, ExecutableMode.INVOKE);
					registerSignature(hints, method, registered);
				}
			}
		});
		WINDOWS_STRUCTURES.forEach((name) -> registerJnaType(hints, ClassUtils.resolveClassName(name, classLoader),
				registered));
		hints.proxies().registerJdkProxy(Structure.FieldOrder.class);
	}

	private static void registerSignature(RuntimeHints hints, Method method, Set<Class<?>> registered) {
		registerJnaType(hints, method.getReturnType(), registered);
		Stream.of(method.getParameterTypes()).forEach((type) -> registerJnaType(hints, type, registered));
	}

	/**
	 * Register what JNA creates or reads of a type by reflection: a {@link NativeMapped}
	 * type's constructors, a {@link Structure}'s constructors and public fields, and
	 * those of the types its fields hold.
	 */
	private static void registerJnaType(RuntimeHints hints, Class<?> type, Set<Class<?>> registered) {
		Class<?> element = type.isArray() ? type.getComponentType() : type;
		boolean structure = Structure.class.isAssignableFrom(element) && element != Structure.class;
		if (!(structure || NativeMapped.class.isAssignableFrom(element)) || !registered.add(element)) {
			return;
		}
		if (!structure) {
			hints.reflection().registerType(element, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
			return;
		}
		hints.reflection()
			.registerType(element, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS, MemberCategory.ACCESS_PUBLIC_FIELDS);
		for (Field field : element.getFields()) {
			if (!Modifier.isStatic(field.getModifiers())) {
				registerJnaType(hints, field.getType(), registered);
			}
		}
	}

}
