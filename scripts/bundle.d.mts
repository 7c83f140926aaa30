export declare function bundle(out?: string): string
