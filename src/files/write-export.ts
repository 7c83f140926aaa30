// Writes an export's file without following a link anywhere on its way: a link at the file, or
// on a folder between the working folder and it, could point outside the workspace (a file
// overwritten there, or created). The text goes to a new temporary file beside the target, and
// a rename puts it in place; the folders are checked again just before the rename.
import { randomBytes } from 'node:crypto'
import { lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'

/** Why the file was not written, in a person's words; undefined once it is written. */
export async function writeExportFile(
  root: string,
  path: string,
  text: string
): Promise<string | undefined> {
  const folders = relative(root, dirname(path)).split(sep).filter(Boolean)
  const folderProblem = async (create: boolean): Promise<string | undefined> => {
    let at = root
    for (const name of folders) {
      at = join(at, name)
      const found = await lstat(at).catch(() => undefined)
      if (!found && create) {
        await mkdir(at)
        continue
      }
      if (!found) return `${shown(root, at)} is gone`
      if (found.isSymbolicLink()) return `${shown(root, at)} is a link`
      if (!found.isDirectory()) return `${shown(root, at)} is not a folder`
    }
    return undefined
  }
  const before = await folderProblem(true)
  if (before) return before
  const target = await lstat(path).catch(() => undefined)
  if (target?.isSymbolicLink()) return `${shown(root, path)} is a link`
  if (target && !target.isFile()) return `${shown(root, path)} is not a regular file`

  const temporary = join(dirname(path), `.${randomBytes(6).toString('hex')}.export.tmp`)
  // wx: a new file of its own, never one that a link put there in the meantime.
  await writeFile(temporary, text, { flag: 'wx' })
  try {
    const now = await folderProblem(false)
    if (now) return now
    await rename(temporary, path)
    return undefined
  } finally {
    await rm(temporary, { force: true })
  }
}

function shown(root: string, path: string): string {
  return relative(root, path).split(sep).join('/')
}
