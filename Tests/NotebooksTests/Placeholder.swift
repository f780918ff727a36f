import Testing
import Notebooks
