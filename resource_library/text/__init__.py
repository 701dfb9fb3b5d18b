"""Language rules shared by pages, drawings and checks: French typography, page addresses, the fallback rule."""
