// The entry the runner starts: nothing here but the call.
import { run } from './main.js'

void run()
