/**
 * The public surface of the built package, read from `dist/<subpath>/index.d.ts` with the
 * TypeScript checker: every exported name with its kind and its declaration as the checker prints
 * it. One listing feeds both the checked-in API reports (`scripts/api-report.ts`) and the export
 * count limits (`test/package/export-counts.test.ts`), so the two can never disagree.
 *
 * @module
 */
import { join } from 'node:path';
import ts from 'typescript';

/** What an exported name is; a name declared as both a value and a type lists both kinds. */
export type ApiKind =
  | 'class'
  | 'const'
  | 'enum'
  | 'function'
  | 'interface'
  | 'namespace'
  | 'type'
  | 'variable';

/** One exported name of one subpath. */
export interface ApiEntry {
  readonly name: string;
  readonly kinds: readonly ApiKind[];
  /** The declaration as the checker prints it, possibly several lines (members one per line). */
  readonly text: string;
}

// No truncation (reports must be complete) and no `import("…")` qualifiers (they name hashed chunks).
const TYPE_FLAGS =
  ts.TypeFormatFlags.NoTruncation |
  ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope |
  ts.TypeFormatFlags.WriteArrayAsGenericType;

/**
 * Reads the exported names of each subpath's built declarations, sorted by name.
 *
 * @example
 * ```ts
 * const surface = readApiSurface('/repo', ['core']);
 * surface.get('core')?.length; // how many names `execution-plane/core` exports
 * ```
 */
export function readApiSurface(root: string, subpaths: readonly string[]): Map<string, ApiEntry[]> {
  const files = subpaths.map((name) => join(root, 'dist', name, 'index.d.ts'));
  const program = ts.createProgram(files, compilerOptions(root));
  const checker = program.getTypeChecker();
  const surface = new Map<string, ApiEntry[]>();
  subpaths.forEach((name, i) => {
    const source = program.getSourceFile(files[i]!);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`${files[i]} is missing or not a module: run \`npm run build\` first`);
    const entries = checker.getExportsOfModule(module).map((symbol) => describeExport(checker, symbol));
    surface.set(
      name,
      entries.sort((a, b) => compareText(a.name, b.name)),
    );
  });
  return surface;
}

/** Code-point order, so the reports do not depend on the machine's locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// The repository's own compiler options (lib, types), so DOM and Node types resolve as in the build.
function compilerOptions(root: string): ts.CompilerOptions {
  const file = join(root, 'tsconfig.json');
  const config = ts.readConfigFile(file, (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root, undefined, file);
  return { ...parsed.options, noEmit: true, skipLibCheck: true, paths: undefined };
}

function describeExport(checker: ts.TypeChecker, exported: ts.Symbol): ApiEntry {
  const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  const name = exported.name;
  const parts: { kind: ApiKind; text: string }[] = [];
  const f = symbol.flags;
  if (f & ts.SymbolFlags.Class) parts.push({ kind: 'class', text: describeClass(checker, symbol, name) });
  else if (f & ts.SymbolFlags.Function)
    parts.push({ kind: 'function', text: describeFunction(checker, symbol, name) });
  else if (f & ts.SymbolFlags.Enum) parts.push({ kind: 'enum', text: describeEnum(checker, symbol, name) });
  else if (f & ts.SymbolFlags.Variable) parts.push(describeVariable(checker, symbol, name));
  else if (f & ts.SymbolFlags.Module)
    parts.push({ kind: 'namespace', text: describeNamespace(checker, symbol, name) });
  if (f & ts.SymbolFlags.Interface)
    parts.push({ kind: 'interface', text: describeInterface(checker, symbol, name) });
  if (f & ts.SymbolFlags.TypeAlias)
    parts.push({ kind: 'type', text: describeTypeAlias(checker, symbol, name) });
  if (parts.length === 0)
    parts.push({ kind: 'variable', text: `${name}: ${typeText(checker, symbolType(checker, symbol))}` });
  return { name, kinds: parts.map((p) => p.kind), text: parts.map((p) => p.text).join('\n') };
}

function typeText(checker: ts.TypeChecker, type: ts.Type, flags = 0): string {
  return stripImports(checker.typeToString(type, undefined, TYPE_FLAGS | flags));
}

// Safety net: a type the checker cannot name in scope comes out as `import("../chunk-HASH.js").X`.
function stripImports(text: string): string {
  return text.replace(/import\("[^"]*"\)\./g, '');
}

function symbolType(checker: ts.TypeChecker, symbol: ts.Symbol): ts.Type {
  const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
  return declaration
    ? checker.getTypeOfSymbolAtLocation(symbol, declaration)
    : checker.getTypeOfSymbol(symbol);
}

function typeParameters(checker: ts.TypeChecker, symbol: ts.Symbol): string {
  const params = checker.getDeclaredTypeOfSymbol(symbol);
  const list = (params as ts.InterfaceType).typeParameters ?? aliasParameters(checker, symbol);
  if (!list || list.length === 0) return '';
  return `<${list.map((p) => typeParameterText(checker, p)).join(', ')}>`;
}

function aliasParameters(
  checker: ts.TypeChecker,
  symbol: ts.Symbol,
): readonly ts.TypeParameter[] | undefined {
  const declaration = symbol.declarations?.find(ts.isTypeAliasDeclaration);
  return declaration?.typeParameters?.map((p) => checker.getTypeAtLocation(p) as ts.TypeParameter);
}

function typeParameterText(checker: ts.TypeChecker, parameter: ts.TypeParameter): string {
  const constraint = checker.getBaseConstraintOfType(parameter);
  const declared = parameter.symbol?.declarations?.[0];
  const hasConstraint = declared && ts.isTypeParameterDeclaration(declared) && declared.constraint;
  const hasDefault = declared && ts.isTypeParameterDeclaration(declared) && declared.default;
  let text = parameter.symbol?.name ?? typeText(checker, parameter);
  if (hasConstraint && constraint) text += ` extends ${typeText(checker, constraint)}`;
  const fallback = checker.getDefaultFromTypeParameter(parameter);
  if (hasDefault && fallback) text += ` = ${typeText(checker, fallback)}`;
  return text;
}

function signatureText(checker: ts.TypeChecker, signature: ts.Signature, kind?: ts.SignatureKind): string {
  return stripImports(checker.signatureToString(signature, undefined, TYPE_FLAGS, kind));
}

function describeFunction(checker: ts.TypeChecker, symbol: ts.Symbol, name: string): string {
  const signatures = symbolType(checker, symbol).getCallSignatures();
  return signatures.map((s) => `function ${name}${signatureText(checker, s)}`).join('\n');
}

function describeVariable(
  checker: ts.TypeChecker,
  symbol: ts.Symbol,
  name: string,
): { kind: ApiKind; text: string } {
  const declaration = symbol.valueDeclaration;
  const list = declaration?.parent;
  const isConst = !!list && ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
  const kind: ApiKind = isConst ? 'const' : 'variable';
  return {
    kind,
    text: `${isConst ? 'const' : 'let'} ${name}: ${typeText(checker, symbolType(checker, symbol))}`,
  };
}

function describeTypeAlias(checker: ts.TypeChecker, symbol: ts.Symbol, name: string): string {
  const type = checker.getDeclaredTypeOfSymbol(symbol);
  return `type ${name}${typeParameters(checker, symbol)} = ${typeText(checker, type, ts.TypeFormatFlags.InTypeAlias)}`;
}

function describeInterface(checker: ts.TypeChecker, symbol: ts.Symbol, name: string): string {
  const type = checker.getDeclaredTypeOfSymbol(symbol);
  const head = `interface ${name}${typeParameters(checker, symbol)}${heritage(checker, type)}`;
  return block(head, memberLines(checker, type, ''));
}

function describeClass(checker: ts.TypeChecker, symbol: ts.Symbol, name: string): string {
  const instance = checker.getDeclaredTypeOfSymbol(symbol);
  const statics = symbolType(checker, symbol);
  const lines = statics.getConstructSignatures().map((s) => `constructor${withoutReturn(checker, s)};`);
  const staticLines = memberLines(checker, statics, 'static ').filter(
    (l) => !l.startsWith('static prototype:'),
  );
  return block(`class ${name}${typeParameters(checker, symbol)}${heritage(checker, instance)}`, [
    ...lines,
    ...staticLines,
    ...memberLines(checker, instance, ''),
  ]);
}

// Base types are named here, so members inherited from outside the package need not be listed.
function heritage(checker: ts.TypeChecker, type: ts.Type): string {
  if (
    !(type.flags & ts.TypeFlags.Object) ||
    !((type as ts.ObjectType).objectFlags & ts.ObjectFlags.ClassOrInterface)
  ) {
    return '';
  }
  const bases = checker.getBaseTypes(type as ts.InterfaceType);
  return bases.length === 0 ? '' : ` extends ${bases.map((b) => typeText(checker, b)).join(', ')}`;
}

function withoutReturn(checker: ts.TypeChecker, signature: ts.Signature): string {
  const text = signatureText(checker, signature);
  const suffix = `: ${typeText(checker, signature.getReturnType())}`;
  return text.endsWith(suffix) ? text.slice(0, -suffix.length) : text;
}

function describeEnum(checker: ts.TypeChecker, symbol: ts.Symbol, name: string): string {
  const members = checker.getExportsOfModule(symbol).map((m) => `${m.name},`);
  return block(`enum ${name}`, members);
}

function describeNamespace(checker: ts.TypeChecker, symbol: ts.Symbol, name: string): string {
  const members = checker
    .getExportsOfModule(symbol)
    .map((m) => describeExport(checker, m))
    .sort((a, b) => compareText(a.name, b.name))
    .map((e) => `${e.name}: ${e.kinds.join(' + ')};`);
  return block(`namespace ${name}`, members);
}

// Members one level deep: each property, method, call and index signature on its own line.
function memberLines(checker: ts.TypeChecker, type: ts.Type, prefix: string): string[] {
  const lines: string[] = [];
  for (const s of type.getCallSignatures()) lines.push(`${prefix}${signatureText(checker, s)};`);
  for (const s of type.getConstructSignatures()) {
    if (!prefix) lines.push(`new ${signatureText(checker, s)};`);
  }
  for (const info of checker.getIndexInfosOfType(type)) {
    const readonly = info.isReadonly ? 'readonly ' : '';
    lines.push(
      `${prefix}${readonly}[key: ${typeText(checker, info.keyType)}]: ${typeText(checker, info.type)};`,
    );
  }
  const properties = [...checker.getPropertiesOfType(type)].sort((a, b) => compareText(a.name, b.name));
  for (const property of properties) {
    const declaration = property.valueDeclaration ?? property.declarations?.[0];
    const modifiers = declaration ? ts.getCombinedModifierFlags(declaration) : 0;
    if (modifiers & ts.ModifierFlags.Private || property.name.startsWith('#')) continue;
    if (isInheritedFromOutside(property)) continue;
    const name = memberName(property, declaration);
    const memberType = declaration
      ? checker.getTypeOfSymbolAtLocation(property, declaration)
      : checker.getTypeOfSymbol(property);
    const isMethod = (property.flags & ts.SymbolFlags.Method) !== 0;
    const optional = property.flags & ts.SymbolFlags.Optional ? '?' : '';
    const head = `${prefix}${modifiers & ts.ModifierFlags.Protected ? 'protected ' : ''}`;
    if (isMethod) {
      for (const s of memberType.getCallSignatures()) {
        lines.push(`${head}${name}${optional}${signatureText(checker, s)};`);
      }
    } else {
      const readonly = modifiers & ts.ModifierFlags.Readonly || isGetterOnly(property) ? 'readonly ' : '';
      lines.push(`${head}${readonly}${name}${optional}: ${typeText(checker, memberType)};`);
    }
  }
  return lines;
}

// Declared only in lib or @types (Error's statics, for one): named by `extends`, and not ours to freeze.
function isInheritedFromOutside(property: ts.Symbol): boolean {
  const declarations = property.declarations ?? [];
  return (
    declarations.length > 0 &&
    declarations.every((d) => d.getSourceFile().fileName.includes('/node_modules/'))
  );
}

// Symbol-keyed members have internal names like `__@asyncIterator@1362`; print them as written.
function memberName(property: ts.Symbol, declaration: ts.Declaration | undefined): string {
  const name = declaration && ts.getNameOfDeclaration(declaration);
  if (name && ts.isComputedPropertyName(name)) return `[${name.expression.getText()}]`;
  return property.name;
}

function isGetterOnly(property: ts.Symbol): boolean {
  return (
    (property.flags & ts.SymbolFlags.GetAccessor) !== 0 && (property.flags & ts.SymbolFlags.SetAccessor) === 0
  );
}

function block(head: string, lines: readonly string[]): string {
  return lines.length === 0 ? `${head} {}` : `${head} {\n${lines.map((l) => `  ${l}`).join('\n')}\n}`;
}

/**
 * The checked-in report for one subpath: a header, the count, then one section per exported name.
 *
 * @example
 * ```ts
 * writeFileSync('api/core.api.md', renderApiReport('core', readApiSurface(root, ['core']).get('core')!));
 * ```
 */
export function renderApiReport(subpath: string, entries: readonly ApiEntry[]): string {
  const sections = entries.map(
    (e) => `## ${e.name} (${e.kinds.join(' + ')})\n\n\`\`\`ts\n${e.text}\n\`\`\`\n`,
  );
  return [
    `# execution-plane/${subpath}: public API`,
    '',
    `<!-- Generated from dist/${subpath}/index.d.ts by \`npm run api:update\`; do not edit by hand. -->`,
    '',
    `${entries.length} exported names.`,
    '',
    ...sections,
  ].join('\n');
}

/** The report file of a subpath, flat in api/: `core/contracts` → `core.contracts.api.md`. */
export function reportFile(subpath: string): string {
  return `${subpath.replace(/\//g, '.')}.api.md`;
}
