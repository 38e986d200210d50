// Two lint rules that keep src/main in its shape (docs: the layer comment in eslint.config.mjs).
//  - layer-order: inside a folder of layers (src/main/lab), a file imports only from its own layer
//    or the layers listed before it; files directly in the folder (lab.ts) sit on top of them all.
//  - public-surface: files outside a folder reach into it only through the files it names public.
// Both read relative specifiers (import, export … from, import(), import('…').Type) and resolve them
// against the importing file, so `../../lab/store/x` and `../store/x` are judged alike.
import path from 'node:path'

/** The specifier of every kind of import node that has one, with the node to report on. */
function importVisitors(check) {
  const literal = (node, source) => {
    if (source && typeof source.value === 'string') check(node, source.value)
  }
  return {
    ImportDeclaration: (node) => literal(node, node.source),
    ExportNamedDeclaration: (node) => literal(node, node.source),
    ExportAllDeclaration: (node) => literal(node, node.source),
    ImportExpression: (node) => literal(node, node.source),
    TSImportType: (node) => literal(node, node.argument?.literal),
  }
}

/** `file` relative to `root` with forward slashes, or null when it lies outside. */
function inside(root, file) {
  const relative = path.relative(root, file)
  return relative.startsWith('..') || path.isAbsolute(relative) ? null : relative.split(path.sep).join('/')
}

/** What a relative `specifier` in `file` names, relative to `root`; null for packages and places outside root. */
function relativeTarget(file, specifier, root) {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return null
  return inside(root, path.resolve(path.dirname(file), specifier))
}

const layerOrder = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports inside a layered folder point only to the same or a lower layer.' },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string' }, layers: { type: 'array', items: { type: 'string' } }, top: { type: 'string' } },
        required: ['root', 'layers', 'top'],
        additionalProperties: false,
      },
    ],
    messages: {
      upward: "{{from}}/ may not import {{target}}: it is a higher layer. Layers, lowest first: {{order}}. Move what both need down, or invert the dependency.",
      unknown: '{{folder}}/ is not one of the layers ({{order}}); add it to the layer list in eslint.config.mjs where it belongs.',
    },
  },
  create(context) {
    const { root, layers, top } = context.options[0]
    const rootDir = path.resolve(context.cwd, root)
    const own = inside(rootDir, context.filename)
    if (own === null) return {}
    const order = [...layers, top].join(' → ')
    /** A layer's rank: its place in the list; files directly in the root folder rank above every layer. */
    const rank = (relative) => (relative.includes('/') ? layers.indexOf(relative.split('/')[0]) : layers.length)
    const ownRank = rank(own)
    if (ownRank < 0) {
      return { Program: (node) => context.report({ node, messageId: 'unknown', data: { folder: own.split('/')[0], order } }) }
    }
    return importVisitors((node, specifier) => {
      const target = relativeTarget(context.filename, specifier, rootDir)
      if (target === null || rank(target) <= ownRank) return
      const from = ownRank === layers.length ? top : layers[ownRank]
      context.report({ node, messageId: 'upward', data: { from, target: `${root}/${target}`, order } })
    })
  },
}

const publicSurface = {
  meta: {
    type: 'problem',
    docs: { description: 'Outside a guarded folder, only its public files may be imported.' },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string' }, public: { type: 'array', items: { type: 'string' } }, reason: { type: 'string' } },
        required: ['root', 'public', 'reason'],
        additionalProperties: false,
      },
    ],
    messages: { private: '{{target}} is inside {{root}}/, whose public surface is {{surface}}. {{reason}}' },
  },
  create(context) {
    const { root, public: surface, reason } = context.options[0]
    const rootDir = path.resolve(context.cwd, root)
    const allowed = new Set(surface.map((file) => file.replace(/\.ts$/, '')))
    return importVisitors((node, specifier) => {
      const target = relativeTarget(context.filename, specifier, rootDir)
      if (target === null || allowed.has(target.replace(/\.ts$/, ''))) return
      context.report({ node, messageId: 'private', data: { target: `${root}/${target}`, root, surface: surface.join(', '), reason } })
    })
  },
}

export const importBoundaries = { rules: { 'layer-order': layerOrder, 'public-surface': publicSurface } }
