export interface YamlBlock {
  /** The Markdown line of the block's first YAML line (1-based). */
  line: number
  text: string
}
export interface Finding {
  line: number
  column: number
  message: string
  kind: string
}
export declare function yamlBlocks(markdown: string): YamlBlock[]
/** README.md, then docs/*.md: the Markdown files whose complete workflows are linted. */
export declare function documentationFiles(root?: string): string[]
export declare function isCompleteWorkflow(text: string): boolean
export declare function lintWorkflow(text: string, path: string): Promise<Finding[]>
