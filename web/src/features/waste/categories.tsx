import {
  CoffeeOutlined,
  DeleteOutlined,
  QuestionOutlined,
  RetweetOutlined,
  WarningOutlined,
} from '@ant-design/icons'
import type { WasteCategory } from '@tongxin/contracts'
import type { ReactNode } from 'react'

/**
 * Shanghai's bin colours (上海市生活垃圾分类标志): the answer must be readable from the colour and the icon
 * alone, for people who cannot read the words.
 */
export const CATEGORY_STYLE: Record<WasteCategory, { color: string; text: string; icon: ReactNode }> = {
  recyclable: { color: '#0b5cad', text: '#ffffff', icon: <RetweetOutlined /> },
  hazardous: { color: '#d0221b', text: '#ffffff', icon: <WarningOutlined /> },
  wet: { color: '#6b3f1d', text: '#ffffff', icon: <CoffeeOutlined /> },
  dry: { color: '#2b2b2b', text: '#ffffff', icon: <DeleteOutlined /> },
}

export const UNKNOWN_STYLE = { color: '#8c8c8c', text: '#ffffff', icon: <QuestionOutlined /> }

export const CATEGORY_ORDER: WasteCategory[] = ['recyclable', 'hazardous', 'wet', 'dry']
